// PL009: an Action entry none of whose actions can apply to any Resource of the statement.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace policylint::rules::validity {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The service segment of an ARN ("arn:partition:service:…"), or nullopt when the value is not
// an ARN with a literal service (wildcards and variables there make the statement unjudgeable).
std::optional<std::string> arn_service(std::string_view arn) {
  if (arn.size() < 4 || lower(arn.substr(0, 4)) != "arn:") {
    return std::nullopt;
  }
  const std::size_t p = arn.find(':', 4);
  if (p == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t s = arn.find(':', p + 1);
  if (s == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view service = arn.substr(p + 1, s - p - 1);
  if (service.empty() || support::has_wildcard(service) || service.find('$') != std::string_view::npos) {
    return std::nullopt;
  }
  return lower(service);
}

// Whether the action can apply to a resource whose ARN has one of these service segments.
bool applies(const catalog::Action& action, const std::set<std::string>& services) {
  if (action.wildcard_only()) {
    return false;
  }
  return std::ranges::any_of(action.resource_types(), [&](const catalog::ActionResourceType& rt) {
    const auto service = arn_service(rt.type.arn_template());
    return !service || services.contains(*service); // an odd template: give it the benefit of the doubt
  });
}

} // namespace

void check_resource_type_mismatch(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.action.present || st.action.negated || !st.resource.present || st.resource.negated ||
        st.resource.values.empty()) {
      continue;
    }
    std::set<std::string> services;
    bool judgeable = true;
    for (const auto& r : st.resource.values) {
      const auto service = arn_service(r.value);
      if (!service) {
        judgeable = false;
        break;
      }
      services.insert(*service);
    }
    if (!judgeable) {
      continue;
    }
    for (const auto& v : st.action.values) {
      const auto split = support::split_name(v.value);
      if (!split || support::has_wildcard(split->prefix) || !cat.find_service(split->prefix)) {
        continue;
      }
      std::vector<catalog::Action> actions;
      if (support::has_wildcard(split->name)) {
        actions = cat.expand_actions(v.value);
      } else if (const auto a = cat.find_action(v.value)) {
        actions.push_back(*a);
      }
      if (actions.empty() || std::ranges::any_of(actions, [&](const catalog::Action& a) { return applies(a, services); })) {
        continue;
      }
      const bool wildcard_only = std::ranges::all_of(actions, [](const catalog::Action& a) { return a.wildcard_only(); });
      std::string listed;
      for (const auto& s : services) {
        listed += (listed.empty() ? "" : ", ") + s;
      }
      engine::Diagnostic* d = nullptr;
      if (wildcard_only) {
        d = &ctx.report(v.range,
                        "{} has no resource types, so it applies only with \"Resource\": \"*\"; the statement's ARNs "
                        "never grant it",
                        v.value);
      } else {
        d = &ctx.report(v.range,
                        "{} acts on no resource of service(s) {} named by the statement's Resource, so the statement "
                        "never applies to it",
                        v.value, listed);
      }
      d->statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
