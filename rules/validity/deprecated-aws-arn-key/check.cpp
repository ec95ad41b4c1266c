// PL034: the global condition key aws:ARN (any case). AWS no longer documents or supports it
// (Access Analyzer: UNSUPPORTED_GLOBAL_CONDITION_KEY, DEPRECATED_GLOBAL_CONDITION_KEY); what it
// held is ambiguous, so the message names the two keys that replace it.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/condition_key_forms.hpp>

#include <algorithm>
#include <string_view>

namespace policylint::rules::validity {

namespace {

bool names_service_principal(const policy::Statement& st) {
  return std::ranges::any_of(st.principal.values, [](const auto& p) { return p.type == "Service"; });
}

} // namespace

void check_deprecated_aws_arn_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    for (const auto& c : st.conditions) {
      if (!support::is_deprecated_aws_arn_key(c.key.value)) {
        continue;
      }
      // A statement for a service principal most likely meant the resource the service acts for.
      const std::string_view advice =
          names_service_principal(st)
              ? "use aws:SourceArn for the resource on whose behalf the service calls (or aws:PrincipalArn for the "
                "caller's own ARN)"
              : "use aws:PrincipalArn for the ARN of the calling principal, or aws:SourceArn for the resource on "
                "whose behalf a service calls";
      ctx.report(c.key.range,
                 "condition key \"{}\" in statement {} is a deprecated global key that AWS no longer supports, so "
                 "the condition may never be met as intended; {}",
                 c.key.value, st.label(), advice)
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
