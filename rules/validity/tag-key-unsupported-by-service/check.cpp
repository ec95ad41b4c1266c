// PL031: an Allow that tests aws:ResourceTag/…, aws:RequestTag/… or aws:TagKeys while granting
// actions of a service none of whose actions the catalog lists with that key (on the action or
// on its resource types): the key is absent from those requests, so the condition is false and
// the statement never grants that service's actions.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/engine.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>

namespace policylint::rules::validity {

namespace {

// "aws:RequestTag/" with no tag name is PL036's finding, not a tag this rule can look up.
bool tag_key(const std::string& lower) {
  const bool family = lower.starts_with("aws:resourcetag/") || lower.starts_with("aws:requesttag/");
  return (family && !lower.ends_with('/')) || lower == "aws:tagkeys";
}

bool action_supports(const catalog::Action& action, std::string_view key) {
  if (action.supports_condition_key(key)) {
    return true;
  }
  for (const auto& rt : action.resource_types()) {
    for (const auto& k : rt.condition_keys) {
      if (k.matches(key)) {
        return true;
      }
    }
    for (const auto& k : rt.type.condition_keys()) {
      if (k.matches(key)) {
        return true;
      }
    }
  }
  return false;
}

// Does some action of the service support the key? Cached per thread: (catalog, service, key).
bool service_supports(const catalog::Catalog& cat, const catalog::Service& service, const std::string& key) {
  thread_local const catalog::Catalog* built_for = nullptr;
  thread_local std::map<std::pair<std::string, std::string>, bool> cache;
  if (built_for != &cat) {
    cache.clear();
    built_for = &cat;
  }
  // Tag keys differ only by their tag name: one answer per family.
  const std::string family = key.substr(0, key.find('/') + 1);
  const auto [it, inserted] = cache.try_emplace({std::string(service.prefix()), family}, false);
  if (inserted) {
    for (const auto& action : service.actions()) {
      if (action_supports(action, key)) {
        it->second = true;
        break;
      }
    }
  }
  return it->second;
}

} // namespace

void check_tag_key_unsupported_by_service(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.action.negated) {
      continue;
    }
    std::set<std::string> services; // the literal services of the statement's actions
    for (const auto& a : st.action.values) {
      const auto colon = a.value.find(':');
      if (colon == std::string::npos) {
        continue; // "*": every service, AA's separate case; not judged here
      }
      const std::string prefix = query::to_lower(a.value.substr(0, colon));
      if (prefix.find_first_of("*?") == std::string::npos) {
        services.insert(prefix);
      }
    }
    for (const auto& c : st.conditions) {
      const std::string key = query::to_lower(c.key.value);
      // Only where an absent key makes the condition false (positive operators, no IfExists,
      // not ForAllValues, which an absent key satisfies).
      if (!tag_key(key) || !c.op || policy::is_negated(c.op->op) || c.op->if_exists ||
          c.op->qualifier == policy::SetQualifier::for_all_values || c.op->op == policy::Op::null) {
        continue;
      }
      for (const auto& prefix : services) {
        const auto service = cat.find_service(prefix);
        if (!service || service_supports(cat, *service, c.key.value)) {
          continue;
        }
        ctx.report(c.key.range,
                   "statement {} tests \"{}\", which no {} action supports: the key is absent from those requests, "
                   "so the condition is false and the statement never grants {}: actions",
                   st.label(), c.key.value, prefix, prefix)
            .statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
