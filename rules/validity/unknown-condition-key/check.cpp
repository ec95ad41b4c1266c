// PL007: a condition key that is neither global nor defined by any service.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/action_evidence.hpp>
#include <policylint/rules/support/catalog_checks.hpp>
#include <policylint/rules/support/condition_key_forms.hpp>

namespace policylint::rules::validity {

void check_unknown_condition_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      const std::string& key = c.key.value;
      // A key AWS's own managed policies test exists, whatever the (dated) catalog says.
      // aws:ARN and tag keys without a tag name are PL034's and PL036's, with their fix.
      if (support::is_provider_key(key) || support::has_dedicated_key_rule(key) || cat.find_condition_key(key) ||
          support::condition_key_named_by_aws_managed_policy(key)) {
        continue;
      }
      const auto split = support::split_name(key);
      const std::string hint = support::did_you_mean(support::suggest_condition_key(cat, key));
      engine::Diagnostic* d = nullptr;
      if (!split) {
        d = &ctx.report(c.key.range, "condition key \"{}\" is not in prefix:name form, so it is never present{}", key,
                        hint);
      } else if (support::is_retired_service(split->prefix)) {
        continue; // keys of a closed service: its actions are PL015's dead text
      } else if (support::is_aws_key(key)) {
        d = &ctx.report(c.key.range, "\"{}\" is not a global condition key, so it is never present{}", key, hint);
      } else if (cat.find_service(split->prefix)) {
        d = &ctx.report(c.key.range, "service \"{}\" defines no condition key \"{}\", so it is never present{}",
                        split->prefix, key, hint);
      } else {
        d = &ctx.report(c.key.range, "condition key \"{}\" has unknown service prefix \"{}\", so it is never present{}",
                        key, split->prefix, hint);
      }
      d->statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
