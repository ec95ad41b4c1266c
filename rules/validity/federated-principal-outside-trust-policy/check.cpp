// PL032: a Federated principal in a resource policy. Identity providers only ever assume roles,
// so only a role trust policy may name one (Access Analyzer's FEDERATED_PRINCIPAL_NOT_SUPPORTED).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

namespace policylint::rules::validity {

void check_federated_principal_outside_trust_policy(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  // Only a type the input states: a document without one may be a trust policy.
  if (policy.type != policy::PolicyType::resource) {
    return;
  }
  for (const auto& st : policy.statements) {
    for (const auto& p : st.principal.values) {
      if (p.type != "Federated") {
        continue;
      }
      const std::string where = policy.resource_service.empty() ? std::string("a resource policy")
                                                                : "a " + policy.resource_service + " resource policy";
      auto& d = ctx.report(p.value.range,
                           "Federated principal \"{}\" in {}: only a role trust policy can name an identity "
                           "provider, so the policy is rejected; let the provider assume a role and grant that "
                           "role here with an \"AWS\" principal",
                           p.value.value, where);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
