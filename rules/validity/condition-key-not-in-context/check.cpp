// PL602: a service condition key that none of the statement's actions carry.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>

namespace policylint::rules::validity {

void check_condition_key_not_in_context(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || st.conditions.empty()) {
      continue;
    }
    std::optional<std::vector<catalog::Action>> actions;
    bool expanded = false;
    for (const auto& c : st.conditions) {
      if (support::is_provider_key(c.key.value)) {
        continue;
      }
      const auto key = cat.find_condition_key(c.key.value);
      // aws: keys (aws:ResourceTag/… included, which the catalog lists per service) are global.
      if (!key || key->is_global() || support::is_aws_key(c.key.value)) {
        continue;
      }
      if (!expanded) {
        actions = support::statement_actions(cat, st);
        expanded = true;
      }
      if (!actions || actions->empty()) {
        break;
      }
      const bool supported = std::ranges::any_of(
          *actions, [&](const catalog::Action& a) { return a.supports_condition_key(c.key.value); });
      if (supported) {
        continue;
      }
      const std::string first(actions->front().name());
      auto& d = ctx.report(c.key.range,
                           "none of the statement's {} action(s) (e.g. {}) carries condition key \"{}\", so it is "
                           "absent from every request the statement matches",
                           actions->size(), first, c.key.value);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
