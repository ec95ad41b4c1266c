// PL015: an Action/NotAction wildcard that matches no action, or an action of a retired service.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <string>

namespace policylint::rules::validity {

namespace {

// "Did you mean" compares the pattern with every action of its service. A policy with more
// dead patterns than this is generated or hostile (10,000 of them took 0.8 s of suggestions):
// past it each is still reported, without the hint.
constexpr std::size_t k_max_suggestions = 100;

} // namespace

void check_action_wildcard_matches_nothing(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  std::size_t suggested = 0;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.action.present) {
      continue;
    }
    const char* element = st.action.negated ? "NotAction" : "Action";
    for (const auto& v : st.action.values) {
      const auto split = support::split_name(v.value);
      if (!split || v.value == "*") {
        continue;
      }
      if (support::has_wildcard(split->prefix)) {
        // AWS matches the prefix as a whole; a wildcard there is literal text to the catalog.
        if (split->prefix != "*") {
          auto& d = ctx.report(v.range,
                               "{} pattern \"{}\" puts a wildcard in the service prefix, which IAM does not expand; it "
                               "matches no action",
                               element, v.value);
          d.statement = st.label();
        }
        continue;
      }
      if (!cat.find_service(split->prefix)) {
        if (support::is_retired_service(split->prefix)) {
          auto& d = ctx.report(v.range,
                               "{} \"{}\" belongs to retired service \"{}\" and matches no action; remove it", element,
                               v.value, split->prefix);
          d.statement = st.label();
        }
        continue; // an unknown, non-retired prefix is PL005's
      }
      if (support::has_wildcard(split->name) && cat.expand(v.value).empty()) {
        const std::string hint =
            suggested++ < k_max_suggestions ? support::did_you_mean(cat.suggest(v.value, 3)) : std::string();
        auto& d = ctx.report(v.range, "{} pattern \"{}\" matches no {} action{}", element, v.value, split->prefix, hint);
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
