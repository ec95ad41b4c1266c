#include <policylint/custom/action_groups.hpp>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <optional>
#include <tuple>

namespace policylint::custom {

namespace {

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

std::string instantiate(std::string_view pattern) {
  std::string out(pattern);
  std::replace(out.begin(), out.end(), '*', 'x');
  std::replace(out.begin(), out.end(), '?', 'x');
  return out;
}

// The catalog indices one pattern covers, as eval::action_matches decides. "*" and
// "service:pattern" with a literal service go through the catalog's index; anything else
// (a wildcard in the service part, no colon) is matched action by action.
class Matches {
public:
  explicit Matches(const catalog::Catalog& catalog) : m_catalog(catalog) {}

  const std::vector<std::uint32_t>& of(const std::string& pattern) {
    auto it = m_cache.find(pattern);
    if (it != m_cache.end()) {
      return it->second;
    }
    std::vector<std::uint32_t> ids;
    const auto colon = pattern.find(':');
    const bool indexed = pattern == "*" || (colon != std::string::npos && !eval::has_wildcard(pattern.substr(0, colon)));
    const auto count = static_cast<std::uint32_t>(m_catalog.action_count());
    if (pattern == "*") {
      ids.resize(count);
      for (std::uint32_t i = 0; i < count; ++i) {
        ids[i] = i;
      }
    } else if (indexed) {
      for (const auto& a : m_catalog.expand_actions(pattern)) {
        ids.push_back(a.index());
      }
    } else {
      for (std::uint32_t i = 0; i < count; ++i) {
        if (eval::action_matches(pattern, m_catalog.action_at(i).name())) {
          ids.push_back(i);
        }
      }
    }
    return m_cache.emplace(pattern, std::move(ids)).first->second;
  }

private:
  const catalog::Catalog& m_catalog;
  std::map<std::string, std::vector<std::uint32_t>> m_cache;
};

bool covers(const policy::ValueList& action, std::string_view name) {
  const bool any = std::any_of(action.values.begin(), action.values.end(),
                               [&](const policy::Text& v) { return eval::action_matches(v.value, name); });
  return action.negated ? !any : any;
}

bool matches_any(const std::vector<std::string>& patterns, std::string_view name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return eval::action_matches(p, name); });
}

// Lower than another means a better representative: named by the policy, then by the check,
// then more sensitive, then earlier.
using Rank = std::tuple<int, int, std::size_t>;

} // namespace

std::vector<ActionGroup> group_actions(const policy::Policy& policy, const std::vector<std::string>& patterns,
                                       const catalog::Catalog& catalog) {
  const std::size_t n = policy.statements.size();
  std::vector<std::size_t> allow_statements;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& st = policy.statements[i];
    if (st.evaluable && st.effect == policy::Effect::allow && st.action.present) {
      allow_statements.push_back(i);
    }
  }
  // Literal actions the policy and the check name: preferred representatives, and the
  // candidates the catalog may lack.
  std::set<std::string> policy_literals;
  std::vector<std::string> extra;
  for (const auto& st : policy.statements) {
    for (const auto& a : st.action.values) {
      if (!eval::has_wildcard(a.value) && a.value.find(':') != std::string::npos && matches_any(patterns, a.value)) {
        policy_literals.insert(query::to_lower(a.value));
        extra.push_back(a.value);
      }
    }
  }
  std::set<std::string> check_literals;
  for (const auto& p : patterns) {
    if (!eval::has_wildcard(p) && p.find(':') != std::string::npos) {
      check_literals.insert(query::to_lower(p));
      extra.push_back(p);
    }
  }

  Matches matches(catalog);
  std::vector<std::uint32_t> wanted; // catalog indices the check's patterns cover, ascending
  {
    std::vector<char> mark(catalog.action_count(), 0);
    for (const auto& p : patterns) {
      const auto& ids = matches.of(p);
      for (const auto k : ids) {
        mark[k] = 1;
      }
      if (ids.empty() &&
          std::none_of(extra.begin(), extra.end(), [&](const std::string& e) { return eval::action_matches(p, e); })) {
        extra.push_back(instantiate(p)); // an action the catalog does not know yet
      }
    }
    for (std::uint32_t k = 0; k < mark.size(); ++k) {
      if (mark[k] != 0) {
        wanted.push_back(k);
      }
    }
  }
  // Per statement: which catalog actions its Action/NotAction element covers.
  std::vector<std::vector<char>> covered_by(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& st = policy.statements[i];
    if (!st.evaluable || !st.action.present) {
      covered_by[i].assign(catalog.action_count(), 0);
      continue;
    }
    covered_by[i].assign(catalog.action_count(), st.action.negated ? 1 : 0);
    for (const auto& v : st.action.values) {
      for (const auto k : matches.of(v.value)) {
        covered_by[i][k] = st.action.negated ? 0 : 1;
      }
    }
  }

  // Literals the catalog knows are ranked by index; the rest are extra candidates.
  std::set<std::uint32_t> policy_indices;
  std::set<std::uint32_t> check_indices;
  std::vector<std::string> unknown;
  for (const auto& name : extra) {
    if (auto a = catalog.find_action(name)) {
      (policy_literals.contains(query::to_lower(name)) ? policy_indices : check_indices).insert(a->index());
    } else {
      unknown.push_back(name);
    }
  }

  std::vector<ActionGroup> groups;
  std::vector<Rank> ranks;
  std::map<std::vector<bool>, std::size_t> by_signature;
  std::vector<bool> signature(n, false);
  const auto add = [&](const std::vector<bool>& sig, Rank rank) -> std::optional<std::size_t> {
    if (std::none_of(allow_statements.begin(), allow_statements.end(), [&](std::size_t i) { return sig[i]; })) {
      return std::nullopt;
    }
    const auto [it, inserted] = by_signature.emplace(sig, groups.size());
    if (inserted) {
      groups.push_back(ActionGroup{{}, 0, sig});
      ranks.push_back(rank);
      ++groups.back().size;
      return it->second;
    }
    ++groups[it->second].size;
    if (rank < ranks[it->second]) {
      ranks[it->second] = rank;
      return it->second;
    }
    return std::nullopt;
  };
  std::vector<std::optional<std::uint32_t>> representative;
  for (const std::uint32_t k : wanted) {
    for (std::size_t i = 0; i < n; ++i) {
      signature[i] = covered_by[i][k] != 0;
    }
    const int tier = policy_indices.contains(k) ? 0 : check_indices.contains(k) ? 1 : 2;
    if (auto g = add(signature, Rank{tier, sensitivity(catalog.action_at(k).access_level()), k})) {
      representative.resize(groups.size());
      representative[*g] = k;
    }
  }
  representative.resize(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    groups[g].representative = std::string(catalog.action_at(*representative[g]).name());
  }
  std::set<std::string> seen;
  for (std::size_t e = 0; e < unknown.size(); ++e) {
    const std::string& name = unknown[e];
    if (!seen.insert(query::to_lower(name)).second) {
      continue;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto& st = policy.statements[i];
      signature[i] = st.evaluable && st.action.present && covers(st.action, name);
    }
    const int tier = policy_literals.contains(query::to_lower(name)) ? 0 : 1;
    if (auto g = add(signature, Rank{tier, 5, catalog.action_count() + e})) {
      groups[*g].representative = name;
    }
  }
  return groups;
}

} // namespace policylint::custom
