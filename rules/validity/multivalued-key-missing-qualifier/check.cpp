// PL016: an unqualified operator on a multi-valued (ArrayOf…) condition key.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

namespace policylint::rules::validity {

void check_multivalued_key_missing_qualifier(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || c.op->qualifier != policy::SetQualifier::none || c.op->op == policy::Op::null ||
          support::is_provider_key(c.key.value)) {
        continue;
      }
      const auto key = cat.find_condition_key(c.key.value);
      if (!key || !catalog::is_multivalued(key->type())) {
        continue;
      }
      auto& d = ctx.report(c.key.range,
                           "\"{}\" is multi-valued ({}), but {} has no ForAllValues: or ForAnyValue: qualifier; "
                           "write ForAnyValue:{} to match any of the request's values, or ForAllValues:{} to require "
                           "all of them",
                           c.key.value, key->type_name(), c.operator_text.value, c.operator_text.value,
                           c.operator_text.value);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
