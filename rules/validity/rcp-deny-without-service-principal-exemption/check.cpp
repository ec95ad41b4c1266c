// PL607: an RCP Deny on principal keys (aws:PrincipalOrgID...) that AWS service principals do not
// send, with nothing sparing those services: the Deny blocks them on every covered resource.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/rcp_requests.hpp>

#include <array>

namespace policylint::rules::validity {

namespace {

constexpr std::array<std::string_view, 3> k_principal_keys{"aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                                                           "aws:PrincipalAccount"};
// What an AWS service principal's request lacks: the caller's organisation, account and tags.
constexpr std::array<std::string_view, 4> k_absent_for_services{"aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                                                                "aws:PrincipalAccount", "aws:PrincipalTag/"};
// Actions a role session's own caller requests (federation, session tags), not a service acting
// on a resource: AWS's data-perimeter governance RCP denies sts:TagSession on principal keys alone.
constexpr std::array<std::string_view, 4> k_session_actions{"sts:TagSession", "sts:SetSourceIdentity",
                                                            "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"};

bool only_session_actions(const policy::Statement& st) {
  return !st.action.negated && !st.action.values.empty() &&
         std::ranges::all_of(st.action.values,
                             [](const policy::Text& a) { return rcp::key_in(a.value, k_session_actions); });
}

} // namespace

void check_rcp_deny_without_service_principal_exemption(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.type != policy::PolicyType::rcp) {
    return;
  }
  const rcp::RequestShape service{k_absent_for_services, true};
  for (const auto& st : unit.policy.statements) {
    const policy::Condition* c = rcp::denies_shape(st, k_principal_keys, service);
    if (c == nullptr || only_session_actions(st)) {
      continue;
    }
    ctx.report(c->key.range,
               "statement {} denies when \"{}\" does not match, but AWS service principals send no \"{}\": it also "
               "denies AWS services acting on your resources; exempt them with \"BoolIfExists\": "
               "{{\"aws:PrincipalIsAWSService\": \"false\"}}",
               st.label(), c->key.value, c->key.value)
        .statement = st.label();
  }
}

} // namespace policylint::rules::validity
