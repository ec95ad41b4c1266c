// PL320: can an anonymous caller, or a principal in an unrelated account, get in?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/rules/support/exact_pass.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>
#include <cctype>
#include <array>
#include <optional>
#include <span>
#include <utility>
#include <string>
#include <vector>

namespace policylint::rules::access {

namespace {

// Keys that describe who is calling and from where; an outsider cannot choose them.
constexpr std::array k_identity_keys{
    "aws:principalarn",   "aws:principalaccount",   "aws:principalorgid",  "aws:principalorgpaths",
    "aws:principaltype",  "aws:principalisawsservice", "aws:principalservicename",
    "aws:principalservicenameslist", "aws:userid", "aws:username", "aws:sourceaccount", "aws:sourcearn",
    "aws:sourceowner",    "aws:sourceorgid",        "aws:sourceorgpaths",  "aws:sourcevpce",
    "aws:sourcevpc",      "aws:sourcevpcarn",       "aws:vpcsourceip",     "aws:sourceidentity"};

struct Outsider {
  std::string principal;
  std::vector<std::pair<std::string, std::vector<std::string>>> keys; // lower-case key, values
  std::vector<std::string> absent_keys;                              // shown in the counterexample
  std::string description;
};

std::vector<Outsider> outsiders() {
  const std::string arn = "arn:aws:iam::444455556666:user/outsider";
  return {
      Outsider{"*",
               {{"aws:principaltype", {"Anonymous"}}, {"aws:userid", {"anonymous"}}},
               {"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:SourceAccount",
                "aws:SourceArn", "aws:SourceVpce"},
               "an anonymous caller"},
      Outsider{arn,
               {{"aws:principalarn", {arn}},
                {"aws:principalaccount", {"444455556666"}},
                {"aws:principalorgid", {"o-outsider00"}},
                {"aws:principalorgpaths", {"o-outsider00/r-out0/"}},
                {"aws:principaltype", {"User"}},
                {"aws:principalisawsservice", {"false"}},
                {"aws:userid", {"AIDAOUTSIDEROUTSIDER0"}},
                {"aws:username", {"outsider"}}},
               {"aws:SourceAccount", "aws:SourceArn", "aws:SourceVpce"},
               "a user in the unrelated account 444455556666 (organization o-outsider00)"},
      // A session of a role that trusts a web identity provider: the only kind of caller that
      // carries aws:FederatedProvider (and the provider's own keys).
      Outsider{"arn:aws:sts::444455556666:assumed-role/web-users/outsider",
               {{"aws:principalarn", {"arn:aws:iam::444455556666:role/web-users"}},
                {"aws:principalaccount", {"444455556666"}},
                {"aws:principalorgid", {"o-outsider00"}},
                {"aws:principalorgpaths", {"o-outsider00/r-out0/"}},
                {"aws:principaltype", {"AssumedRole"}},
                {"aws:principalisawsservice", {"false"}},
                {"aws:userid", {"AROAOUTSIDEROUTSIDER0:outsider"}}},
               {"aws:SourceAccount", "aws:SourceArn", "aws:SourceVpce"},
               "a web-identity role session in the unrelated account 444455556666 (organization o-outsider00)"},
  };
}

// Only a web-identity session carries aws:FederatedProvider.
bool web_identity(const Outsider& caller) { return caller.principal.find(":assumed-role/") != std::string::npos; }

// The token to report on: the "*" principal, or the NotPrincipal key; nullptr when the
// statement names no public principal.
const SourceRange* public_principal(const policy::Statement& st) {
  if (!st.principal.present) {
    return nullptr;
  }
  if (st.principal.negated) {
    return &st.principal.key_range;
  }
  for (const auto& p : st.principal.values) {
    if (p.type == "AWS" && p.value.value == "*") {
      return &p.value.range;
    }
  }
  return nullptr;
}

bool has_wildcard(const std::string& text) { return text.find_first_of("*?") != std::string::npos; }

void add_unique(std::vector<std::string>& out, std::string value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) {
    out.push_back(std::move(value));
  }
}

// The service prefix of a resource ARN ("s3" for arn:aws:s3:::bucket), or empty.
std::string arn_service(const std::string& arn) {
  if (!arn.starts_with("arn:")) {
    return {};
  }
  const auto a = arn.find(':', 4);
  if (a == std::string::npos) {
    return {};
  }
  const auto b = arn.find(':', a + 1);
  return b == std::string::npos ? std::string{} : arn.substr(a + 1, b - a - 1);
}

constexpr std::size_t k_per_pattern = 3;

std::vector<std::string> candidate_actions(const engine::PolicyUnit& unit, const policy::Statement& st,
                                           const std::vector<std::string>& resources) {
  std::vector<std::string> out;
  const auto* catalog = unit.catalog;
  if (st.action.negated) {
    if (catalog != nullptr) {
      std::vector<std::string> patterns;
      for (const auto& a : st.action.values) {
        patterns.push_back(a.value);
      }
      const auto rest = catalog->expand_not(std::span<const std::string>(patterns));
      for (std::size_t i = 0; i < rest.size() && i < k_per_pattern; ++i) {
        add_unique(out, std::string(rest[i]));
      }
    }
    return out;
  }
  for (const auto& a : st.action.values) {
    const std::string& v = a.value;
    if (v == "*" || v == "*:*") {
      if (catalog != nullptr) {
        for (const auto& r : resources) {
          const std::string service = arn_service(r);
          if (service.empty()) {
            continue;
          }
          const auto names = catalog->expand(service + ":*");
          for (std::size_t i = 0; i < names.size() && i < k_per_pattern; ++i) {
            add_unique(out, std::string(names[i]));
          }
        }
      }
      add_unique(out, "s3:GetObject");
    } else if (has_wildcard(v)) {
      if (catalog != nullptr) {
        const auto names = catalog->expand(v);
        for (std::size_t i = 0; i < names.size() && i < k_per_pattern; ++i) {
          add_unique(out, std::string(names[i]));
        }
      }
    } else if (v.find(':') != std::string::npos) {
      add_unique(out, v);
    }
  }
  return out;
}

// Concrete instances of the statement's resources: wildcards replaced. Trust policies have
// no resource.
std::vector<std::string> candidate_resources(const policy::Policy& policy, const policy::Statement& st) {
  std::vector<std::string> out;
  if (policy.kind == policy::PolicyKind::trust || !st.resource.present || st.resource.negated) {
    out.emplace_back("*");
    return out;
  }
  for (const auto& r : st.resource.values) {
    if (out.size() >= k_per_pattern) {
      break;
    }
    if (r.value == "*") {
      add_unique(out, "*");
      continue;
    }
    std::string concrete = r.value;
    std::replace(concrete.begin(), concrete.end(), '*', 'x');
    std::replace(concrete.begin(), concrete.end(), '?', 'x');
    add_unique(out, std::move(concrete));
  }
  if (out.empty()) {
    out.emplace_back("*");
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A VPC endpoint policy has the shape of a resource policy (Principal "*" is its normal form)
// but grants nothing: it only filters what callers inside the VPC may do through the endpoint,
// so "*" there is not public access. The document does not say where it is attached; it is
// recognised by what a policy attached to one resource cannot contain (docs in the README):
// * a statement granting every action on every resource (AWS's default endpoint policy);
// * actions of more than one service (a bucket, queue, key or function policy only governs
//   its own service's actions);
// * objects of more than one S3 bucket (a bucket policy may only name its own bucket).
// A CloudFormation stack policy ("Update:Modify" on "LogicalResourceId/…") must name
// Principal "*": it guards stack updates, not access to a resource.
bool is_stack_policy(const policy::Policy& policy) {
  bool any = false;
  for (const auto& st : policy.statements) {
    for (const auto& a : st.action.values) {
      if (lower(a.value).rfind("update:", 0) != 0) {
        return false;
      }
      any = true;
    }
  }
  return any;
}

bool looks_like_endpoint_policy(const policy::Policy& policy) {
  if (policy.kind != policy::PolicyKind::resource) {
    return false;
  }
  std::vector<std::string> services;
  std::vector<std::string> buckets;
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.action.negated) {
      continue;
    }
    bool every_action = false;
    for (const auto& a : st.action.values) {
      every_action = every_action || a.value == "*" || a.value == "*:*";
      const auto colon = a.value.find(':');
      if (colon != std::string::npos && !has_wildcard(a.value.substr(0, colon))) {
        add_unique(services, lower(a.value.substr(0, colon)));
      }
    }
    const bool every_resource =
        !st.resource.negated && std::any_of(st.resource.values.begin(), st.resource.values.end(),
                                            [](const policy::Text& r) { return r.value == "*"; });
    if (every_action && every_resource) {
      return true;
    }
    for (const auto& r : st.resource.values) {
      if (r.value.starts_with("arn:aws:s3:::")) {
        const std::string rest = r.value.substr(13);
        add_unique(buckets, rest.substr(0, rest.find('/')));
      }
    }
  }
  return services.size() > 1 || buckets.size() > 1;
}

// What the outsider cannot choose: the identity keys (absent unless the caller carries
// them), for an anonymous caller every key only a signed-in caller has, and the source address.
query::SearchSpace outsider_space(const Outsider& caller, const std::vector<std::string>& keys,
                                  const std::string& address) {
  query::SearchSpace space;
  space.base.principal = caller.principal;
  for (const char* key : k_identity_keys) {
    space.fixed_keys.insert(query::to_lower(key));
  }
  if (caller.principal == "*") {
    for (const auto& key : keys) {
      if (support::anonymous_lacks(key)) {
        space.fixed_keys.insert(key);
      }
    }
  } else if (!web_identity(caller)) {
    space.fixed_keys.insert("aws:federatedprovider");
  }
  for (const auto& [key, values] : caller.keys) {
    space.base.set_context(key, values);
  }
  space.base.set_context(support::k_source_ip, {address});
  space.fixed_keys.insert(support::k_source_ip);
  return space;
}

// A request an outsider makes that the policy allows with `st` deciding: first a few
// instances of the statement's actions and resources, then (when none gets in) the exact
// engine over every action and resource.
std::optional<std::pair<query::Found, const Outsider*>> find_public_request(const engine::PolicyUnit& unit,
                                                                            std::span<const policy::Policy* const> set,
                                                                            const policy::Statement& st,
                                                                            const std::vector<Outsider>& callers,
                                                                            const std::string& address,
                                                                            support::ExactPass& exact) {
  const auto wanted = [&](const eval::Evaluation& e) {
    return e.decision == eval::Decision::allowed && support::decided_by(e, st);
  };
  const auto resources = candidate_resources(unit.policy, st);
  const auto actions = candidate_actions(unit, st, resources);
  const auto keys = support::mentioned_keys(unit.policy);
  for (const Outsider& caller : callers) {
    for (const std::string& action : actions) {
      for (const std::string& resource : resources) {
        query::SearchSpace space = outsider_space(caller, keys, address);
        space.base.action = action;
        space.base.resource = resource;
        auto found = query::find_request(set, space, wanted);
        // Only a request the evaluator itself allows is reported.
        if (found && eval::evaluate(set, found->request).decision == eval::Decision::allowed) {
          return std::pair{std::move(*found), &caller};
        }
      }
    }
  }
  for (const Outsider& caller : callers) {
    query::SearchSpace space = outsider_space(caller, keys, address);
    space.base.resource = "*";
    if (auto found = exact.allowed_request(space, st)) {
      return std::pair{std::move(*found), &caller};
    }
  }
  return std::nullopt;
}

} // namespace

void check_resource_policy_allows_public_access(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind == policy::PolicyKind::identity || looks_like_endpoint_policy(policy) || is_stack_policy(policy)) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  const std::string address = query::arbitrary_address(query::ip_values(set, support::k_source_ip));
  const auto callers = outsiders();
  support::ExactPass exact(set, unit.catalog);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow) {
      continue;
    }
    const SourceRange* token = public_principal(st);
    if (token == nullptr) {
      continue;
    }
    const auto hit = find_public_request(unit, set, st, callers, address, exact);
    if (!hit) {
      continue;
    }
    const auto& [found, caller] = *hit;
    auto& d = ctx.report(*token,
                         "statement {} is open to the public: {} is allowed for {} from {}; restrict it with a "
                         "condition only your own callers meet, such as aws:PrincipalOrgID or aws:SourceArn",
                         st.label(), found.request.action, caller->description, address);
    d.statement = st.label();
    d.counterexample = support::counterexample(found, caller->absent_keys,
                                               caller->description + ", from " + address +
                                                   ", outside every address range the policy names");
  }
}

} // namespace policylint::rules::access
