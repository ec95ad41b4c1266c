// PL307: can a service that acts for whoever configured it (a trail, a rule, a log delivery)
// be pointed at this bucket, topic, queue or key from another account? The service is put
// in front of the policy with the unrelated account's source keys (probes/services.hpp); the
// exact engine decides whether a condition on the source keeps it out.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/probes/counterexample.hpp>
#include <policylint/probes/decide.hpp>
#include <policylint/probes/services.hpp>

#include <array>
#include <string>
#include <vector>

namespace policylint::rules::access {

void check_service_principal_without_source(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  // Resource policies only: a role trust is out of scope, since configuring a service with a
  // role takes iam:PassRole, which no principal of another account can hold for this role.
  if (policy.kind != policy::PolicyKind::resource) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  probes::Decider decider(set, unit.catalog);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !st.principal.present || st.principal.negated) {
      continue;
    }
    for (const auto& principal : st.principal.values) {
      if (principal.type != "Service" || !probes::acts_across_accounts(principal.value.value)) {
        continue;
      }
      const auto deputy = probes::service_for_outsider(principal.value.value, policy);
      query::SearchSpace space;
      probes::apply(space, deputy.caller);
      probes::Class c{std::move(space)};
      c.constraints = deputy.constraints;
      const std::array<probes::Class, 1> exact{std::move(c)};
      // The source constraint needs the exact engine; there are no quick instances to try.
      const auto hit = decider.allowed(probes::Target{set, &st}, {}, exact);
      if (!hit) {
        continue;
      }
      const auto* source = hit->found.request.context_values("aws:sourcearn");
      const std::string source_arn = source != nullptr && !source->empty() ? source->front() : std::string("-");
      auto& d = ctx.report(principal.value.range,
                           "statement {} lets {} perform {} for any account's resource (e.g. {}); add a condition on "
                           "aws:SourceArn, aws:SourceAccount or aws:SourceOrgID",
                           st.label(), principal.value.value, hit->found.request.action, source_arn);
      d.statement = st.label();
      d.counterexample = probes::counterexample(hit->found, {}, deputy.caller.description);
    }
  }
}

} // namespace policylint::rules::access
