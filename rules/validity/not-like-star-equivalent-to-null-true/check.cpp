// PL042: StringNotLike/ArnNotLike with the value "*" only tests that the key is absent (Access
// Analyzer's EQUIVALENT_TO_NULL_TRUE suggestion); the mirror of PL605.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>

namespace policylint::rules::validity {

void check_not_like_star_equivalent_to_null_true(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      // A set qualifier changes what an empty or missing set means. IfExists does not matter
      // here: a negated operator already holds when the key is absent.
      if (!c.op || c.op->qualifier != policy::SetQualifier::none ||
          (c.op->op != policy::Op::string_not_like && c.op->op != policy::Op::arn_not_like)) {
        continue;
      }
      // The values of a negated operator are NORed: one "*" matches every present value, so
      // the condition holds exactly when the key is missing.
      const auto star = std::ranges::find_if(c.values, [](const policy::ConditionValue& v) { return v.text == "*"; });
      if (star == c.values.end()) {
        continue;
      }
      ctx.report(star->range,
                 "\"{}\": {{\"{}\": \"*\"}} excludes every value, so it only tests that the key is absent; "
                 "write \"Null\": {{\"{}\": \"true\"}}, which says so",
                 c.operator_text.value, c.key.value, c.key.value)
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
