// PL608: an RCP Deny on service-principal keys (aws:SourceOrgID...) that IAM principals do not
// send, not limited to AWS service principals: the Deny blocks your own users and roles.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/rcp_requests.hpp>

#include <array>

namespace policylint::rules::validity {

namespace {

constexpr std::array<std::string_view, 3> k_source_keys{"aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceAccount"};
// What a request of an IAM user or role lacks: the keys a service sends on behalf of a resource.
constexpr std::array<std::string_view, 4> k_absent_for_principals{"aws:SourceOrgID", "aws:SourceOrgPaths",
                                                                  "aws:SourceAccount", "aws:SourceArn"};

} // namespace

void check_rcp_source_key_without_service_principal_check(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.type != policy::PolicyType::rcp) {
    return;
  }
  const rcp::RequestShape principal{k_absent_for_principals, false};
  for (const auto& st : unit.policy.statements) {
    const policy::Condition* c = rcp::denies_shape(st, k_source_keys, principal);
    if (c == nullptr) {
      continue;
    }
    ctx.report(c->key.range,
               "statement {} denies when \"{}\" does not match, but only AWS service principals send \"{}\": it also "
               "denies your own IAM users and roles; limit it to services with \"Bool\": "
               "{{\"aws:PrincipalIsAWSService\": \"true\"}}",
               st.label(), c->key.value, c->key.value)
        .statement = st.label();
  }
}

} // namespace policylint::rules::validity
