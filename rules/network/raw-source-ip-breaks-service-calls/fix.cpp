// PL102 fix: exempt the calls AWS services make for the principal from a raw aws:SourceIp
// Deny by adding "aws:ViaAWSService": "false" (Bool) to the same Condition block — the
// form AWS documents. Direct calls from outside the allow-list are still denied.
#include <policylint/fix/json_edit.hpp>
#include <policylint/generated/fix_declarations.hpp>

namespace policylint::fix {

namespace {

constexpr std::string_view k_key = "aws:ViaAWSService";
constexpr std::string_view k_value = "\"false\"";

} // namespace

std::vector<engine::Fix> fix_raw_source_ip_breaks_service_calls(const FixInput& input,
                                                                const engine::Diagnostic& finding) {
  const policy::Statement* st = statement_containing(input.unit.policy, finding.range);
  if (st == nullptr || st->effect != policy::Effect::deny) {
    return {};
  }
  const json::Value* object = object_at(input.tree, st->range);
  const json::Value* condition = object != nullptr ? object->find("Condition") : nullptr;
  if (condition == nullptr || !condition->is_object() || condition->members.empty()) {
    return {};
  }
  engine::Fix fix;
  fix.description = "Exempt calls AWS services make for the principal: add \"Bool\": {\"aws:ViaAWSService\": \"false\"}";
  if (const json::Member* bool_block = member_named(*condition, "Bool")) {
    // Add the key to the existing Bool block (a second "Bool" key would be a duplicate).
    if (!bool_block->value.is_object() || member_named(bool_block->value, k_key) != nullptr) {
      return {};
    }
    fix.edits.push_back(append_member(input.text, bool_block->value, k_key, k_value));
  } else {
    const json::Value& model = condition->members.back().value;
    fix.edits.push_back(append_member(input.text, *condition, "Bool", object_like(input.text, model, k_key, k_value)));
  }
  return {std::move(fix)};
}

} // namespace policylint::fix
