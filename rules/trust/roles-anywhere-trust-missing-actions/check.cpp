// PL308: IAM Roles Anywhere always requests sts:AssumeRole, sts:SetSourceIdentity and
// sts:TagSession together, so a trust for rolesanywhere.amazonaws.com that allows fewer fails
// every session (Access Analyzer's MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <fmt/format.h>

#include <array>
#include <string_view>
#include <vector>

namespace policylint::rules::trust {

namespace {

constexpr std::array<std::string_view, 3> k_required{"sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"};

const policy::PrincipalValue* roles_anywhere(const policy::Statement& st) {
  for (const auto& p : st.principal.values) {
    if (p.type == "Service" && eval::ascii_iequals(p.value.value, "rolesanywhere.amazonaws.com")) {
      return &p;
    }
  }
  return nullptr;
}

} // namespace

void check_roles_anywhere_trust_missing_actions(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.kind != policy::PolicyKind::trust) {
    return;
  }
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated || st.action.negated) {
      continue;
    }
    const auto* principal = roles_anywhere(st);
    if (principal == nullptr) {
      continue;
    }
    std::vector<std::string_view> missing;
    for (const std::string_view action : k_required) {
      if (!eval::action_element_covers(st.action, action)) {
        missing.push_back(action);
      }
    }
    if (missing.empty()) {
      continue;
    }
    auto& d = ctx.report(principal->value.range,
                         "statement {} trusts IAM Roles Anywhere without {}: Roles Anywhere requests sts:AssumeRole, "
                         "sts:SetSourceIdentity and sts:TagSession together, so every session it creates is "
                         "refused; add {} to the statement's Action",
                         st.label(), fmt::join(missing, " and "), fmt::join(missing, ", "));
    d.statement = st.label();
  }
}

} // namespace policylint::rules::trust
