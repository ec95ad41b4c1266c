// PL321: does a resource or trust policy let in an AWS account the organisation does not trust?
#include <policylint/catalog/catalog.hpp>
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/caller_class.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace policylint::rules::access {

namespace {

constexpr std::size_t k_per_pattern = 3;
constexpr std::size_t k_max_actions = 8;

void add_unique(std::vector<std::string>& out, std::string value) {
  if (out.size() < k_max_actions && std::find(out.begin(), out.end(), value) == out.end()) {
    out.push_back(std::move(value));
  }
}

// The service of a resource ARN ("s3" for arn:aws:s3:::bucket), or "".
std::string arn_service(const std::string& arn) {
  if (!arn.starts_with("arn:")) {
    return {};
  }
  const auto a = arn.find(':', 4);
  const auto b = a == std::string::npos ? a : arn.find(':', a + 1);
  return b == std::string::npos ? std::string{} : arn.substr(a + 1, b - a - 1);
}

// A concrete resource the statement names; trust policies have none.
std::string concrete_resource(const policy::Policy& policy, const policy::Statement& st) {
  if (policy.kind == policy::PolicyKind::trust || !st.resource.present || st.resource.negated ||
      st.resource.values.empty()) {
    return "*";
  }
  std::string r = st.resource.values.front().value;
  std::replace(r.begin(), r.end(), '*', 'x');
  std::replace(r.begin(), r.end(), '?', 'x');
  return r == "x" ? "*" : r;
}

// Actions the statement grants: literal ones, a few expansions of each wildcard (of the
// resource's service for "*"), and a few catalog actions NotAction leaves.
std::vector<std::string> granted_actions(const engine::PolicyUnit& unit, const policy::Statement& st,
                                         const std::string& resource) {
  std::vector<std::string> out;
  const catalog::Catalog* cat = unit.catalog;
  const auto take = [&](const std::vector<std::string_view>& names) {
    for (std::size_t i = 0; i < names.size() && i < k_per_pattern; ++i) {
      add_unique(out, std::string(names[i]));
    }
  };
  if (st.action.negated) {
    if (cat != nullptr) {
      std::vector<std::string> patterns;
      for (const auto& a : st.action.values) {
        patterns.push_back(a.value);
      }
      take(cat->expand_not(std::span<const std::string>(patterns)));
    }
    return out;
  }
  for (const auto& a : st.action.values) {
    if (a.value == "*" || a.value == "*:*") {
      const std::string service = arn_service(resource);
      if (cat != nullptr && !service.empty()) {
        take(cat->expand(service + ":*"));
      }
      add_unique(out, unit.policy.kind == policy::PolicyKind::trust ? "sts:AssumeRole" : "s3:GetObject");
    } else if (a.value.find_first_of("*?") == std::string::npos) {
      add_unique(out, a.value);
    } else if (cat != nullptr) {
      take(cat->expand(a.value));
    }
  }
  return out;
}

bool trusted(const engine::Organisation& org, const std::string& account) {
  return std::find(org.trusted_accounts.begin(), org.trusted_accounts.end(), account) != org.trusted_accounts.end();
}

// A request of the caller that the policy allows with `st` deciding: the statement's own
// actions on one concrete resource first, then the exact engine over every action and
// resource (probes::Decider).
std::optional<query::Found> find_granted(std::span<const policy::Policy* const> set, const policy::Statement& st,
                                         const probes::AccountCaller& caller, const std::vector<std::string>& actions,
                                         const std::string& resource, probes::Decider& decider) {
  query::SearchSpace space;
  space.base.resource = resource;
  probes::set_account_caller(space, caller);
  std::vector<probes::Instance> quick;
  for (const std::string& action : actions) {
    query::SearchSpace instance = space;
    instance.base.action = action;
    quick.push_back(probes::Instance{std::move(instance)});
  }
  const std::array<probes::Class, 1> exact{probes::Class{std::move(space)}};
  auto decided = decider.allowed(probes::Target{set, &st}, quick, exact);
  return decided ? std::optional<query::Found>(std::move(decided->found)) : std::nullopt;
}

} // namespace

void check_access_granted_to_untrusted_account(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (unit.organisation == nullptr || unit.organisation->trusted_accounts.empty() ||
      policy.kind == policy::PolicyKind::identity) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  probes::Decider decider(set, unit.catalog);
  const std::vector<std::string> read_keys = probes::mentioned_keys(policy);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !st.principal.present || st.principal.negated) {
      continue;
    }
    const std::string resource = concrete_resource(policy, st);
    const auto actions = granted_actions(unit, st, resource);
    std::set<std::string> cleared;
    for (const auto& principal : st.principal.values) {
      // "*" is everyone: PL320 reports public access.
      if (principal.type != "AWS" || principal.value.value == "*") {
        continue;
      }
      const auto caller = probes::account_caller(principal.value.value);
      if (!caller || trusted(*unit.organisation, caller->account)) {
        continue;
      }
      // A caller of a class already cleared gets no answer either (caller_class.hpp). Only
      // misses are shared: each hit is searched for its own caller, for its own counterexample.
      query::SearchSpace seen_as;
      seen_as.base.resource = resource;
      probes::set_account_caller(seen_as, *caller);
      std::string cls = support::caller_class(policy, st, read_keys, seen_as);
      if (cleared.contains(cls)) {
        continue;
      }
      const auto found = find_granted(set, st, *caller, actions, resource, decider);
      if (!found) {
        cleared.insert(std::move(cls));
        continue;
      }
      auto& d = ctx.report(principal.value.range,
                           "statement {} grants {} to {}, and account {} is not one of the organisation's trusted "
                           "accounts",
                           st.label(), found->request.action, principal.value.value, caller->account);
      d.statement = st.label();
      d.counterexample = support::counterexample(*found, {}, "a caller in the untrusted account " + caller->account);
    }
  }
}

} // namespace policylint::rules::access
