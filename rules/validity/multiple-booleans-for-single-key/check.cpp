// PL037: a Bool or BoolIfExists condition that lists several values for a key holding a single
// boolean (Access Analyzer's INVALID_CONDITION_MULTIPLE_BOOLEAN). The values are ORed, so
// ["true", "false"] accepts every request that has the key: the test is void.
// Not reported: a ForAnyValue/ForAllValues condition, where the author treats the key as a set
// (PL018 set-qualifier-on-single-valued-key judges that), and a key typed ArrayOfBool.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/request_search.hpp>

#include <string>

namespace policylint::rules::validity {

namespace {

bool single_valued(const catalog::Catalog& cat, const std::string& key) {
  const auto known = cat.find_condition_key(key);
  return !known || !catalog::is_multivalued(known->type());
}

// Both "true" and "false" among the values (Bool reads them case-insensitively).
bool distinct_values(const policy::Condition& c) {
  bool t = false;
  bool f = false;
  for (const auto& v : c.values) {
    t = t || query::to_lower(v.text) == "true";
    f = f || query::to_lower(v.text) == "false";
  }
  return t && f;
}

} // namespace

void check_multiple_booleans_for_single_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || c.op->op != policy::Op::boolean || c.op->qualifier != policy::SetQualifier::none ||
          c.values.size() < 2 || !single_valued(*unit.catalog, c.key.value)) {
        continue;
      }
      // On the second value: the first one alone would be a valid condition.
      ctx.report(c.values[1].range,
                 "\"{}\" on \"{}\" in statement {} lists {} values, but the key holds a single boolean and the "
                 "values are ORed, so the condition {}; keep the one value the statement is for",
                 c.operator_text.value, c.key.value, st.label(), c.values.size(),
                 distinct_values(c) ? "holds for every request that carries the key" : "repeats itself")
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
