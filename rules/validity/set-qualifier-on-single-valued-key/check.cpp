// PL018: ForAllValues/ForAnyValue on a single-valued condition key.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

namespace policylint::rules::validity {

void check_set_qualifier_on_single_valued_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || c.op->qualifier == policy::SetQualifier::none || support::is_provider_key(c.key.value)) {
        continue;
      }
      const auto key = cat.find_condition_key(c.key.value);
      if (!key || key->type() == catalog::KeyType::unknown || catalog::is_multivalued(key->type())) {
        continue;
      }
      const bool all = c.op->qualifier == policy::SetQualifier::for_all_values;
      auto& d = ctx.report(c.operator_text.range,
                           "{} is used on single-valued key \"{}\" ({}); drop the qualifier{}", c.operator_text.value,
                           c.key.value, key->type_name(),
                           all ? ": ForAllValues is also true when the key is absent, so an Allow applies to "
                                 "requests without it"
                               : "");
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
