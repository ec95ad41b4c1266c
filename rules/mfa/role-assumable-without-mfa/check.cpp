// PL201: can the trusted IAM principals assume the role without MFA?
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/trust_probe.hpp>

namespace policylint::rules::mfa {

void check_role_assumable_without_mfa(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  using support::TrustProbe;
  const std::vector<TrustProbe> probes{
      TrustProbe{[](query::SearchSpace& s) {
                   s.fixed_keys.insert(support::k_mfa_present);
                   s.fixed_keys.insert(support::k_mfa_age);
                 },
                 {"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"},
                 "signed with long-term access keys, which carry no MFA keys"},
      TrustProbe{[](query::SearchSpace& s) {
                   s.base.set_context(support::k_mfa_present, {"false"});
                   s.fixed_keys.insert(support::k_mfa_present);
                   s.fixed_keys.insert(support::k_mfa_age);
                 },
                 {"aws:MultiFactorAuthAge"},
                 "temporary credentials obtained without MFA"},
  };
  for (const auto& hit : support::probe_trust(unit.policy, probes)) {
    auto& d = ctx.report(hit.principal->value.range,
                         "statement {} lets {} assume the role without MFA ({}); require "
                         "\"Bool\": {{\"aws:MultiFactorAuthPresent\": \"true\"}} without IfExists",
                         hit.statement->label(), hit.principal->value.value, hit.probe->note);
    d.statement = hit.statement->label();
    d.counterexample = support::counterexample(hit.found, hit.probe->absent_keys, hit.probe->note);
  }
}

} // namespace policylint::rules::mfa
