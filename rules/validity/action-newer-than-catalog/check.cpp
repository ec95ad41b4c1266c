// PL024: an unknown action that is probably newer than the catalog (support/action_evidence.hpp).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/action_evidence.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <optional>

namespace policylint::rules::validity {

void check_action_newer_than_catalog(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
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
      const auto split = support::split_name(v.value);
      if (!split || support::has_wildcard(v.value) || support::is_retired_service(split->prefix) ||
          support::classify_action(unit, v.value) != support::UnknownAction::newer_than_catalog) {
        continue;
      }
      auto& d = ctx.report(v.range,
                           "{} \"{}\" is not in the catalog of {} ({} {}), but \"{}\" exists and the name is no near "
                           "typo: if AWS added it since, nothing is wrong; otherwise it matches no action",
                           element, v.value, info().data_date, info().source_package,
                           info().source_version, split->prefix);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
