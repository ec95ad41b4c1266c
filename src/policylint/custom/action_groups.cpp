#include <policylint/custom/action_groups.hpp>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace policylint::custom {

namespace {

bool covers(const policy::ValueList& action, std::string_view name) {
  if (!action.present) {
    return false;
  }
  const bool any = std::any_of(action.values.begin(), action.values.end(),
                               [&](const policy::Text& v) { return eval::action_matches(v.value, name); });
  return action.negated ? !any : any;
}

bool matches_any(const std::vector<std::string>& patterns, std::string_view name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return eval::action_matches(p, name); });
}

std::string instantiate(std::string_view pattern) {
  std::string out(pattern);
  std::replace(out.begin(), out.end(), '*', 'x');
  std::replace(out.begin(), out.end(), '?', 'x');
  return out;
}

int sensitivity(catalog::AccessLevel level) {
  switch (level) {
  case catalog::AccessLevel::permissions_management: return 0;
  case catalog::AccessLevel::write: return 1;
  case catalog::AccessLevel::tagging: return 2;
  case catalog::AccessLevel::read: return 3;
  case catalog::AccessLevel::list: return 4;
  case catalog::AccessLevel::unknown: return 5;
  }
  return 5;
}

} // namespace

std::vector<ActionGroup> group_actions(const policy::Policy& policy, const std::vector<std::string>& patterns,
                                       const catalog::Catalog& catalog) {
  // Candidates in preference order: the policy's literal actions, then the catalog's.
  std::vector<std::string> names;
  for (const auto& st : policy.statements) {
    for (const auto& a : st.action.values) {
      if (!eval::has_wildcard(a.value) && a.value.find(':') != std::string::npos && matches_any(patterns, a.value)) {
        names.push_back(a.value);
      }
    }
  }
  for (const auto& p : patterns) {
    if (!eval::has_wildcard(p) && p.find(':') != std::string::npos) {
      names.push_back(p);
    }
  }
  // Catalog actions, the most sensitive first (a counterexample showing iam:AttachUserPolicy
  // says more than one showing iam:GetAccountSummary); catalog order within a level.
  std::vector<catalog::Action> expanded;
  for (const auto& p : patterns) {
    auto matched = catalog.expand_actions(p);
    if (matched.empty() && std::none_of(names.begin(), names.end(),
                                        [&](const std::string& n) { return eval::action_matches(p, n); })) {
      names.push_back(instantiate(p));
    }
    expanded.insert(expanded.end(), matched.begin(), matched.end());
  }
  std::stable_sort(expanded.begin(), expanded.end(), [](const catalog::Action& a, const catalog::Action& b) {
    return sensitivity(a.access_level()) < sensitivity(b.access_level());
  });
  for (const auto& a : expanded) {
    names.emplace_back(a.name());
  }

  std::vector<std::size_t> allow_statements;
  for (std::size_t i = 0; i < policy.statements.size(); ++i) {
    const auto& st = policy.statements[i];
    if (st.evaluable && st.effect == policy::Effect::allow) {
      allow_statements.push_back(i);
    }
  }
  std::vector<ActionGroup> groups;
  std::map<std::vector<bool>, std::size_t> by_signature;
  std::set<std::string> seen; // lower-cased: a literal the catalog also lists counts once
  for (const std::string& name : names) {
    if (!seen.insert(query::to_lower(name)).second) {
      continue;
    }
    std::vector<bool> signature(policy.statements.size(), false);
    bool allowed_somewhere = false;
    for (std::size_t i = 0; i < policy.statements.size(); ++i) {
      const auto& st = policy.statements[i];
      signature[i] = st.evaluable && covers(st.action, name);
    }
    for (const std::size_t i : allow_statements) {
      allowed_somewhere = allowed_somewhere || signature[i];
    }
    if (!allowed_somewhere) {
      continue;
    }
    const auto [it, inserted] = by_signature.emplace(signature, groups.size());
    if (inserted) {
      groups.push_back(ActionGroup{name, 0, std::move(signature)});
    }
    ++groups[it->second].size;
  }
  return groups;
}

} // namespace policylint::custom
