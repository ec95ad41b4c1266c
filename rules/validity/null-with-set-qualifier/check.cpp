// PL041: a Null condition under ForAnyValue: or ForAllValues: (Access Analyzer's
// NULL_WITH_QUALIFIER suggestion). Null asks one question of the whole request, "is the key
// there?", so a qualifier that quantifies over the key's values has nothing to range over: the
// result is constant or at best the same as plain Null.
// Not reported where PL018 set-qualifier-on-single-valued-key already reports the same operator
// token (a catalog key known to be single-valued): one finding per token.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

namespace policylint::rules::validity {

namespace {

// PL018's test, mirrored: it reports every qualifier on such a key.
bool reported_by_pl018(const catalog::Catalog& cat, const std::string& key) {
  if (support::is_provider_key(key)) {
    return false;
  }
  const auto known = cat.find_condition_key(key);
  return known && known->type() != catalog::KeyType::unknown && !catalog::is_multivalued(known->type());
}

} // namespace

void check_null_with_set_qualifier(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || c.op->op != policy::Op::null || c.op->qualifier == policy::SetQualifier::none ||
          reported_by_pl018(*unit.catalog, c.key.value)) {
        continue;
      }
      const std::string value = c.values.empty() ? "true" : c.values.front().text;
      ctx.report(c.operator_text.range,
                 "\"{}\" on \"{}\": Null only tests whether the request carries the key, so a set qualifier has no "
                 "values to range over and makes the test constant or misleading; write \"Null\": {{\"{}\": \"{}\"}}",
                 c.operator_text.value, c.key.value, c.key.value, value)
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
