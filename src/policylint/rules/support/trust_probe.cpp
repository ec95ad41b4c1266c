#include <policylint/rules/support/trust_probe.hpp>

#include <policylint/rules/support/caller_class.hpp>
#include <policylint/query/engine.hpp>

#include <array>
#include <string_view>
#include <set>
#include <string>

namespace policylint::rules::support {

namespace {

// The resource part of an IAM or STS ARN ("user/alice", "role/ci", "root"), or "" for other values.
std::string_view arn_resource(std::string_view value) {
  if (!value.starts_with("arn:")) {
    return {};
  }
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const auto colon = value.find(':', start);
    if (colon == std::string_view::npos) {
      return {};
    }
    start = colon + 1;
  }
  return value.substr(start);
}

// Role and assumed-role session principals: the caller is a role session, never signed with
// long-term keys, and a session reached by role chaining (or run by a service) need not carry
// MFA keys or a person's address, so requiring them here can lock the role. The guard belongs
// to the trust policy of the source role, where a person's credentials come in, and that trust
// is checked on its own.
bool role_session(std::string_view value) {
  const std::string_view resource = arn_resource(value);
  return resource.starts_with("role/") || resource.starts_with("assumed-role/");
}

} // namespace

bool reachable_with_user_credentials(std::string_view principal_value) {
  return !role_session(principal_value);
}

std::vector<TrustHit> probe_trust(const policy::Policy& policy, const std::vector<TrustProbe>& probes) {
  std::vector<TrustHit> hits;
  if (policy.kind != policy::PolicyKind::trust) {
    return hits;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  query::Engine engine(set);
  const std::vector<std::string> read_keys = probes::mentioned_keys(policy);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated) {
      continue;
    }
    // Per probe, the classes of callers (caller_class.hpp) already asked about without a hit:
    // the first hit per statement is the same, at one query per class instead of per principal.
    std::vector<std::set<std::string>> cleared(probes.size());
    bool reported = false;
    for (const auto& principal : st.principal.values) {
      if (reported || principal.type != "AWS" || !reachable_with_user_credentials(principal.value.value)) {
        continue; // Service and Federated principals cannot carry MFA or are out of scope
      }
      const auto caller = probes::account_caller(principal.value.value);
      if (!caller) {
        continue;
      }
      for (std::size_t p = 0; p < probes.size(); ++p) {
        const TrustProbe& probe = probes[p];
        query::SearchSpace space;
        space.base.action = "sts:AssumeRole";
        probes::set_account_caller(space, *caller);
        // A third-party trust pins sts:ExternalId (AWS's documented form for vendors, whose
        // people sign in to their own account): a request without one is what reaches the role
        // from a person's leaked keys; trusts that need an ExternalId are the trust rules' concern.
        space.fixed_keys.insert("sts:externalid");
        probe.fix(space);
        std::string cls = caller_class(policy, st, read_keys, space);
        if (cleared[p].contains(cls)) {
          continue;
        }
        auto found = engine.find(query::query_from(space, query::Outcome::allowed, &st));
        if (found) {
          hits.push_back(TrustHit{&st, &principal, std::move(*found), &probe});
          reported = true;
          break;
        }
        cleared[p].insert(std::move(cls));
      }
    }
  }
  return hits;
}

} // namespace policylint::rules::support
