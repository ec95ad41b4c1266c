// PL005: an Action/NotAction value that names no real service or action.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/action_evidence.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <optional>

namespace policylint::rules::validity {

void check_unknown_action(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  // The catalog's date and source, named in every message: looked up once, and only for a
  // document with a finding (info() counts the global keys).
  std::optional<catalog::CatalogInfo> info_once;
  const auto info = [&]() -> const catalog::CatalogInfo& {
    if (!info_once) {
      info_once = cat.info();
    }
    return *info_once;
  };
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.action.present) {
      continue;
    }
    const char* element = st.action.negated ? "NotAction" : "Action";
    for (const auto& v : st.action.values) {
      if (v.value == "*") {
        continue;
      }
      const auto split = support::split_name(v.value);
      if (!split) {
        auto& d = ctx.report(v.range, "{} value \"{}\" is not an action: actions are written service:ActionName{}",
                             element, v.value, support::did_you_mean(cat.suggest(v.value, 3)));
        d.statement = st.label();
        continue;
      }
      if (support::has_wildcard(split->prefix)) {
        continue; // a wildcard service prefix: PL015 judges whether it matches anything
      }
      if (!cat.find_service(split->prefix)) {
        if (support::is_retired_service(split->prefix)) {
          continue; // PL015: dead text from a closed service
        }
        if (support::service_named_by_aws_managed_policy(split->prefix)) {
          continue; // AWS's own policies use the service: the catalog lags (PL024 judges the name)
        }
        auto& d = ctx.report(v.range,
                             "{} names unknown service prefix \"{}\" (catalog of {}), so \"{}\" matches no action{}",
                             element, split->prefix, info().data_date, v.value,
                             support::did_you_mean(cat.suggest(split->prefix, 3)));
        d.statement = st.label();
        continue;
      }
      if (support::has_wildcard(split->name)) {
        continue; // PL015
      }
      // Well-formed names that are no typo may be newer than the catalog: PL024's note.
      if (support::classify_action(unit, v.value) == support::UnknownAction::error) {
        auto& d = ctx.report(v.range, "{} names unknown action \"{}\": service \"{}\" has no such action (catalog of {}){}",
                             element, v.value, split->prefix, info().data_date,
                             support::did_you_mean(cat.suggest(v.value, 3)));
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
