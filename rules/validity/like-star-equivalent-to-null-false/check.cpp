// PL605: StringLike/ArnLike with the value "*" only tests that the key is present.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>

namespace policylint::rules::validity {

void check_like_star_equivalent_to_null_false(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      // IfExists makes it always true and a set qualifier changes what an empty set means:
      // only the plain operator is the same test as Null false.
      if (!c.op || c.op->if_exists || c.op->qualifier != policy::SetQualifier::none ||
          (c.op->op != policy::Op::string_like && c.op->op != policy::Op::arn_like)) {
        continue;
      }
      // The values are ORed, so one "*" makes the whole condition "the key has a value".
      const auto star = std::ranges::find_if(c.values, [](const policy::ConditionValue& v) { return v.text == "*"; });
      if (star == c.values.end()) {
        continue;
      }
      auto& d = ctx.report(star->range,
                           "\"{}\": {{\"{}\": \"*\"}} matches any value, so it only tests that the key is present; "
                           "write \"Null\": {{\"{}\": \"false\"}}, which says so",
                           c.operator_text.value, c.key.value, c.key.value);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
