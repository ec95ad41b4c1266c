// PL201 fix: "BoolIfExists": {"aws:MultiFactorAuthPresent": "true"} in an Allow also
// matches requests without the key (long-term access keys), so it does not require MFA.
// Dropping IfExists — "Bool" — does. Only the operator key is edited, and only when that
// block holds nothing but the MFA key and the statement has no "Bool" block already (the
// rename would then change other keys or duplicate a key); otherwise no fix is offered.
#include <policylint/fix/json_edit.hpp>
#include <policylint/generated/fix_declarations.hpp>

#include <algorithm>

namespace policylint::fix {

namespace {

bool is_true(const policy::ConditionValue& v) {
  return v.text.size() == 4 && (v.text[0] | 0x20) == 't' && (v.text[1] | 0x20) == 'r' && (v.text[2] | 0x20) == 'u' &&
         (v.text[3] | 0x20) == 'e';
}

bool is_mfa_present_key(std::string_view key) {
  constexpr std::string_view k_key = "aws:multifactorauthpresent";
  return key.size() == k_key.size() && std::equal(key.begin(), key.end(), k_key.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

bool mfa_if_exists_true(const policy::Condition& c) {
  return c.op && c.op->op == policy::Op::boolean && c.op->if_exists && c.op->qualifier == policy::SetQualifier::none &&
         is_mfa_present_key(c.key.value) && !c.values.empty() && std::all_of(c.values.begin(), c.values.end(), is_true);
}

} // namespace

std::vector<engine::Fix> fix_role_assumable_without_mfa(const FixInput& input, const engine::Diagnostic& finding) {
  const policy::Statement* st = statement_containing(input.unit.policy, finding.range);
  if (st == nullptr || st->effect != policy::Effect::allow) {
    return {};
  }
  const json::Value* object = object_at(input.tree, st->range);
  const json::Value* condition = object != nullptr ? object->find("Condition") : nullptr;
  if (condition == nullptr || !condition->is_object() || member_named(*condition, "Bool") != nullptr) {
    return {};
  }
  for (const policy::Condition& c : st->conditions) {
    if (!mfa_if_exists_true(c)) {
      continue;
    }
    const json::Member* block = member_with_key_at(*condition, c.operator_text.range);
    if (block == nullptr || !block->value.is_object() || block->value.members.size() != 1) {
      return {};
    }
    const auto inside = plain_string_inside(input.text, block->key_range);
    if (!inside || input.text.substr(inside->begin, inside->end - inside->begin) != "BoolIfExists") {
      return {};
    }
    engine::Fix fix;
    fix.description = "Require MFA: replace \"BoolIfExists\" with \"Bool\" for aws:MultiFactorAuthPresent";
    const std::uint32_t suffix = inside->end - static_cast<std::uint32_t>(std::string_view("IfExists").size());
    fix.edits.push_back(engine::TextEdit{SourceRange{suffix, inside->end}, "", {}});
    return {std::move(fix)};
  }
  return {};
}

} // namespace policylint::fix
