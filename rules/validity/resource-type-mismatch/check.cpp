// PL009: an Action entry none of whose actions can apply to any Resource of the statement.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/arn_template.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::validity {

namespace {

// The service segment of an ARN ("arn:partition:service:…"), or nullopt when the value is not
// an ARN with a literal service (wildcards and variables there make the statement unjudgeable).
std::optional<std::string_view> arn_service_segment(std::string_view arn) {
  if (arn.size() < 4 || !eval::ascii_iequals(arn.substr(0, 4), "arn:")) {
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
  return service;
}

// The same, lower-cased.
std::optional<std::string> arn_service(std::string_view arn) {
  const auto service = arn_service_segment(arn);
  return service ? std::optional<std::string>(eval::ascii_lowered(*service)) : std::nullopt;
}

// The resource types a service lists under its own prefix (a few services list another
// service's type too). Asked once per service and policy, not once per ARN.
std::vector<catalog::ResourceType> own_resource_types(const catalog::Service& service) {
  std::vector<catalog::ResourceType> out;
  for (const auto& t : service.resource_types()) {
    const auto segment = arn_service_segment(t.arn_template());
    if (segment && eval::ascii_iequals(*segment, service.prefix())) {
      out.push_back(t);
    }
  }
  return out;
}

bool template_possible(std::string_view tmpl, const std::vector<std::string_view>& arns) {
  return std::ranges::any_of(arns, [&](std::string_view arn) { return support::arn_may_match_template(arn, tmpl); });
}

// Whether the action can apply to one of these ARNs (with a literal service each).
// Template verdicts per resource type, for one statement's ARNs: a pattern such as "s3:*"
// expands to hundreds of actions that share a handful of resource types.
using TemplateVerdicts = std::unordered_map<std::uint32_t, bool>;

bool applies(const catalog::Action& action, const std::vector<std::string_view>& arns, TemplateVerdicts& verdicts) {
  if (action.wildcard_only()) {
    return false;
  }
  return std::ranges::any_of(action.resource_types(), [&](const catalog::ActionResourceType& rt) {
    const auto [it, inserted] = verdicts.try_emplace(rt.type.index(), false);
    if (inserted) {
      it->second = template_possible(rt.type.arn_template(), arns);
    }
    return it->second;
  });
}

// Whether some resource type of the action belongs to one of these services.
bool service_matches(const catalog::Action& action, const std::set<std::string>& services) {
  return std::ranges::any_of(action.resource_types(), [&](const catalog::ActionResourceType& rt) {
    const auto service = arn_service(rt.type.arn_template());
    return !service || services.contains(*service);
  });
}

// A listed ARN with "/*" appended (a bucket for object actions) or removed (objects for bucket
// actions) that one of the actions can apply to, for the hint.
std::optional<std::string> object_hint(const std::vector<catalog::Action>& actions,
                                       const std::vector<std::string_view>& arns) {
  for (const std::string_view arn : arns) {
    std::string candidate;
    if (arn.ends_with("/*") && arn.size() > 2) {
      candidate = std::string(arn.substr(0, arn.size() - 2));
      if (candidate.find('*') != std::string::npos || candidate.find('?') != std::string::npos) {
        continue;
      }
    } else if (!arn.ends_with('*') && !arn.ends_with('/')) {
      candidate = std::string(arn) + "/*";
    } else {
      continue;
    }
    const std::vector<std::string_view> one = {candidate};
    TemplateVerdicts verdicts; // for this candidate ARN only
    if (std::ranges::any_of(actions, [&](const catalog::Action& a) { return applies(a, one, verdicts); })) {
      return candidate;
    }
  }
  return std::nullopt;
}

} // namespace

void check_resource_type_mismatch(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  std::unordered_map<std::uint32_t, std::vector<catalog::ResourceType>> own_types; // by service
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
    // ARNs whose partition, region or account segments fit no resource type of their service.
    std::vector<std::string_view> arns; // the well-formed rest
    for (const auto& r : st.resource.values) {
      const auto service = cat.find_service(*arn_service(r.value));
      if (!service) {
        arns.push_back(r.value);
        continue;
      }
      auto [own, fresh] = own_types.try_emplace(service->index());
      if (fresh) {
        own->second = own_resource_types(*service);
      }
      const std::vector<catalog::ResourceType>& types = own->second;
      if (types.empty() || std::ranges::any_of(types, [&](const catalog::ResourceType& t) {
            return support::arn_may_match_template(r.value, t.arn_template());
          })) {
        arns.push_back(r.value);
        continue;
      }
      if (std::ranges::any_of(types, [&](const catalog::ResourceType& t) {
            return support::arn_resource_may_match_template(r.value, t.arn_template());
          })) {
        std::string expected;
        for (const auto& t : types) {
          if (support::arn_resource_may_match_template(r.value, t.arn_template())) {
            expected = std::string(t.arn_template());
            break;
          }
        }
        engine::Diagnostic& d =
            ctx.report(r.range,
                       "{} has a region or account segment that no {} resource type allows (expected {}), so it "
                       "matches no resource",
                       r.value, service->prefix(), expected);
        d.statement = st.label();
      } else {
        arns.push_back(r.value); // the resource part is the odd one: left to the Action check
      }
    }
    TemplateVerdicts verdicts;
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
      if (actions.empty()) {
        continue;
      }
      const bool wildcard_only = std::ranges::all_of(actions, [](const catalog::Action& a) { return a.wildcard_only(); });
      if (!wildcard_only && (arns.empty() || std::ranges::any_of(actions, [&](const catalog::Action& a) {
                               return applies(a, arns, verdicts);
                             }))) {
        continue;
      }
      engine::Diagnostic* d = nullptr;
      if (wildcard_only) {
        d = &ctx.report(v.range,
                        "{} has no resource types, so it applies only with \"Resource\": \"*\"; the statement's ARNs "
                        "never grant it",
                        v.value);
      } else if (!std::ranges::any_of(actions, [&](const catalog::Action& a) { return service_matches(a, services); })) {
        std::string listed;
        for (const auto& s : services) {
          listed += (listed.empty() ? "" : ", ") + s;
        }
        d = &ctx.report(v.range,
                        "{} acts on no resource of service(s) {} named by the statement's Resource, so the statement "
                        "never applies to it",
                        v.value, listed);
      } else {
        std::string templates;
        std::set<std::string_view> seen;
        for (const auto& a : actions) {
          for (const auto& rt : a.resource_types()) {
            if (seen.size() < 3 && seen.insert(rt.type.arn_template()).second) {
              templates += (templates.empty() ? "" : ", ") + std::string(rt.type.arn_template());
            }
          }
        }
        const auto hint = object_hint(actions, arns);
        d = &ctx.report(v.range,
                        "{} acts on resources like {}, which no ARN in the statement's Resource matches, so the "
                        "statement never applies to it{}",
                        v.value, templates, hint ? "; did you mean " + *hint + "?" : std::string());
      }
      d->statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
