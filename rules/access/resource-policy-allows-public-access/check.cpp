// PL320: can an anonymous caller, or a principal in an unrelated account, get in?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
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

// The outsiders of the attacker model (probes/callers.hpp), each calling from `address`
// (outside every range the policy names).
std::vector<probes::Caller> outsiders(const policy::Policy& policy, const std::string& address) {
  std::vector<probes::Caller> out{probes::anonymous(policy), probes::outside_user(policy),
                                  probes::outside_web_session(policy)};
  for (auto& c : probes::outsiders_admitted_by_wildcards(policy)) {
    out.push_back(std::move(c));
  }
  for (auto& c : out) {
    probes::fix_key(c, support::k_source_ip, std::vector<std::string>{address});
    probes::pin_service_account_keys(c, policy);
  }
  return out;
}

query::SearchSpace outsider_space(const probes::Caller& caller) {
  query::SearchSpace space;
  probes::apply(space, caller);
  return space;
}

// A request an outsider makes that the policy allows with `st` deciding: first a few
// instances of the statement's actions and resources, then the exact engine over every
// action and resource (probes::Decider).
std::optional<probes::Decision> find_public_request(const engine::PolicyUnit& unit,
                                                    std::span<const policy::Policy* const> set,
                                                    const policy::Statement& st,
                                                    const std::vector<probes::Caller>& callers,
                                                    probes::Decider& decider) {
  const auto resources = candidate_resources(unit.policy, st);
  const auto actions = candidate_actions(unit, st, resources);
  std::vector<probes::Instance> quick;
  std::vector<probes::Class> exact;
  for (std::size_t i = 0; i < callers.size(); ++i) {
    for (const std::string& action : actions) {
      for (const std::string& resource : resources) {
        query::SearchSpace space = outsider_space(callers[i]);
        space.base.action = action;
        space.base.resource = resource;
        quick.push_back(probes::Instance{std::move(space), i});
      }
    }
    query::SearchSpace space = outsider_space(callers[i]);
    space.base.resource = "*";
    probes::Class c{std::move(space)};
    c.tag = i;
    exact.push_back(std::move(c));
  }
  return decider.allowed(probes::Target{set, &st}, quick, exact);
}

} // namespace

void check_resource_policy_allows_public_access(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind == policy::PolicyKind::identity) {
    return;
  }
  // Endpoint and stack policies must name "*"; an Allow with NotPrincipal is a grant to
  // everyone not listed wherever it appears.
  const bool star_is_normal = looks_like_endpoint_policy(policy) || is_stack_policy(policy);
  const std::array<const policy::Policy*, 1> set{&policy};
  const std::string address = query::arbitrary_address(query::ip_values(set, support::k_source_ip));
  const auto callers = outsiders(policy, address);
  probes::Decider decider(set, unit.catalog);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow) {
      continue;
    }
    const SourceRange* token = public_principal(st);
    if (token == nullptr || (star_is_normal && !st.principal.negated)) {
      continue;
    }
    const auto hit = find_public_request(unit, set, st, callers, decider);
    if (!hit) {
      continue;
    }
    const query::Found& found = hit->found;
    const probes::Caller* caller = &callers[hit->tag];
    auto& d = ctx.report(*token,
                         "statement {} is open to the public: {} is allowed for {} from {}; restrict it with a "
                         "condition only your own callers meet, such as aws:PrincipalOrgID or aws:SourceArn",
                         st.label(), found.request.action, caller->description, address);
    d.statement = st.label();
    d.counterexample = support::counterexample(found, caller->shown_absent,
                                               caller->description + ", from " + address +
                                                   ", outside every address range the policy names");
  }
}

} // namespace policylint::rules::access
