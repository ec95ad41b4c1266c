// PL102: does a source-IP Deny also hit the calls AWS services make for the principal?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::network {

namespace {

// Permissions that never lead a service to act for the principal: the recommended
// "user may only assume the privileged role" design.
bool assume_role_only(std::string_view action) {
  static constexpr std::array<std::string_view, 4> k_only{"sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity",
                                                          "sts:GetCallerIdentity"};
  return std::any_of(k_only.begin(), k_only.end(), [&](std::string_view a) {
    return query::to_lower(a) == query::to_lower(action);
  });
}

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

// The first probe action that the policy's Allow statements grant, other than role assumption.
std::optional<std::string> granted_beyond_assume_role(const policy::Policy& policy) {
  policy::Policy allows_only = policy;
  std::erase_if(allows_only.statements, [](const policy::Statement& s) { return s.effect != policy::Effect::allow; });
  const std::array<const policy::Policy*, 1> set{&allows_only};
  query::Engine engine(set);
  // Actions services typically perform for a user first (CloudFormation launching an instance).
  std::vector<std::string> actions{"ec2:RunInstances", "lambda:CreateFunction", "s3:PutObject"};
  for (auto& a : support::probe_actions(policy)) {
    actions.push_back(std::move(a));
  }
  for (const std::string& action : actions) {
    if (assume_role_only(action)) {
      continue;
    }
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
  const auto action = granted_beyond_assume_role(policy);
  if (!action) {
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
    space.base.action = *action;
    space.base.set_context(support::k_source_ip, {service_address});
    space.base.set_context(support::k_via_service, {"true"});
    space.base.set_context("aws:calledvia", {"cloudformation.amazonaws.com"});
    space.base.set_context("aws:calledviafirst", {"cloudformation.amazonaws.com"});
    space.base.set_context("aws:calledvialast", {"cloudformation.amazonaws.com"});
    space.fixed_keys = {support::k_source_ip, support::k_via_service, "aws:calledvia", "aws:calledviafirst",
                        "aws:calledvialast"};
    const auto found = engine.find(query::query_from(space, query::Outcome::explicit_deny, &st));
    if (!found) {
      continue;
    }
    auto& d = ctx.report(condition->operator_text.range,
                         "statement {} denies by aws:SourceIp without exempting calls AWS services make for the "
                         "principal: {} made by CloudFormation on its behalf is denied. Add \"Bool\": "
                         "{{\"aws:ViaAWSService\": \"false\"}} to the Deny, or let the user only assume a role whose "
                         "trust policy restricts the source IP",
                         st.label(), *action);
    d.statement = st.label();
    d.counterexample = support::counterexample(*found, {}, "a call CloudFormation makes for the principal");
  }
}

} // namespace policylint::rules::network
