// PL102: does a source-IP Deny also hit the calls AWS services make for the principal?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/support/probes.hpp>
#include <policylint/rules/support/role_assumption.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::network {

namespace {

const policy::Condition* raw_source_ip_deny(const policy::Statement& st) {
  if (!st.evaluable || st.effect != policy::Effect::deny) {
    return nullptr;
  }
  for (const auto& c : st.conditions) {
    if (c.op && c.op->op == policy::Op::not_ip_address && c.op->qualifier == policy::SetQualifier::none &&
        query::to_lower(c.key.value) == support::k_source_ip) {
      return &c;
    }
  }
  return nullptr;
}

// Actions services typically perform for a principal first (CloudFormation launching an
// instance), then the policy's own literal actions; never role assumption.
std::vector<std::string> service_actions(const policy::Policy& policy) {
  std::vector<std::string> actions{"ec2:RunInstances", "lambda:CreateFunction", "s3:PutObject"};
  for (auto& a : support::probe_actions(policy)) {
    actions.push_back(std::move(a));
  }
  std::erase_if(actions, [](const std::string& a) { return support::role_assumption_action(a); });
  return actions;
}

// The first service action that the policy's Allow statements grant.
std::optional<std::string> granted_beyond_assume_role(const policy::Policy& policy,
                                                      const std::vector<std::string>& actions) {
  policy::Policy allows_only = policy;
  std::erase_if(allows_only.statements, [](const policy::Statement& s) { return s.effect != policy::Effect::allow; });
  const std::array<const policy::Policy*, 1> set{&allows_only};
  query::Engine engine(set);
  for (const std::string& action : actions) {
    query::SearchSpace space;
    space.base.action = action;
    if (engine.find(query::query_from(space, query::Outcome::allowed, nullptr))) {
      return action;
    }
  }
  return std::nullopt;
}

} // namespace

void check_raw_source_ip_breaks_service_calls(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (std::none_of(policy.statements.begin(), policy.statements.end(),
                   [](const policy::Statement& s) { return raw_source_ip_deny(s) != nullptr; })) {
    return;
  }
  // A guard file holding only Deny statements (the seed article's separate IP policy) is
  // attached to a principal whose grants live elsewhere: unless that principal only assumes
  // roles, which the file cannot show, every action it denies is one a service may call.
  // (A resource policy's Deny applies to every caller of that one resource: not this case. A
  // document attached to a principal the input declares is PL907's, which sees the grants.)
  const bool deny_only = policy.kind == policy::PolicyKind::identity && !unit.attached_to_declared_principal &&
                         std::none_of(policy.statements.begin(), policy.statements.end(),
                                      [](const policy::Statement& s) { return s.effect == policy::Effect::allow; });
  const std::vector<std::string> actions = service_actions(policy);
  const auto granted = deny_only ? std::nullopt : granted_beyond_assume_role(policy, actions);
  if (!deny_only && !granted) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  query::Engine engine(set);
  const auto ranges = query::ip_values(set, support::k_source_ip);
  // An address of AWS's own (52.94.0.0/16 is Amazon's), unless the allow-list covers it.
  const std::string service_address =
      query::address_in_any("52.94.76.10", ranges) ? query::arbitrary_address(ranges) : "52.94.76.10";
  for (const auto& st : policy.statements) {
    const policy::Condition* condition = raw_source_ip_deny(st);
    if (condition == nullptr) {
      continue;
    }
    // CloudFormation creating an instance for the user.
    query::SearchSpace space;
    space.base.set_context(support::k_source_ip, {service_address});
    space.base.set_context(support::k_via_service, {"true"});
    space.base.set_context("aws:calledvia", {"cloudformation.amazonaws.com"});
    space.base.set_context("aws:calledviafirst", {"cloudformation.amazonaws.com"});
    space.base.set_context("aws:calledvialast", {"cloudformation.amazonaws.com"});
    space.fixed_keys = {support::k_source_ip, support::k_via_service, "aws:calledvia", "aws:calledviafirst",
                        "aws:calledvialast"};
    std::optional<query::Found> found;
    std::string action;
    for (const std::string& candidate : granted ? std::vector<std::string>{*granted} : actions) {
      space.base.action = candidate;
      found = engine.find(query::query_from(space, query::Outcome::explicit_deny, &st));
      if (found) {
        action = candidate;
        break;
      }
    }
    if (!found) {
      continue;
    }
    const std::string consequence =
        deny_only ? fmt::format("whichever principal this policy is attached to, {} made by CloudFormation on its behalf "
                                "is denied (unless that principal only assumes roles, which this file cannot show)",
                                action)
                  : fmt::format("{} made by CloudFormation on its behalf is denied", action);
    auto& d = ctx.report(condition->operator_text.range,
                         "statement {} denies by aws:SourceIp without exempting calls AWS services make for the "
                         "principal: {}. Add \"Bool\": {{\"aws:ViaAWSService\": \"false\"}} to the Deny, or let the "
                         "user only assume a role whose trust policy restricts the source IP",
                         st.label(), consequence);
    d.statement = st.label();
    d.counterexample = support::counterexample(*found, {}, "a call CloudFormation makes for the principal");
  }
}

} // namespace policylint::rules::network
