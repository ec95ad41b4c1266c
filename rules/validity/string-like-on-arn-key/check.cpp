// PL604: StringLike/StringNotLike on a condition key the catalog types as an ARN.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

namespace policylint::rules::validity {

void check_string_like_on_arn_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || (c.op->op != policy::Op::string_like && c.op->op != policy::Op::string_not_like)) {
        continue;
      }
      const auto key = cat.find_condition_key(c.key.value);
      if (!key || catalog::element_type(key->type()) != catalog::KeyType::arn) {
        continue;
      }
      // The same operator in the ARN family, qualifier and IfExists kept.
      policy::Operator arn_op = *c.op;
      arn_op.op = c.op->op == policy::Op::string_not_like ? policy::Op::arn_not_like : policy::Op::arn_like;
      auto& d = ctx.report(c.operator_text.range,
                           "\"{}\" compares ARN key \"{}\" as plain text, where a '*' spans the ARN's ':' "
                           "separators; use \"{}\" so each part of the ARN is matched on its own",
                           c.operator_text.value, c.key.value, policy::operator_name(arn_op));
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
