#include <policylint/rules/support/caller_class.hpp>

#include <policylint/eval/principal_match.hpp>

#include <algorithm>

namespace policylint::rules::support {

std::string caller_class(const policy::Policy& policy, const policy::Statement& asking,
                         const std::vector<std::string>& read_keys, const query::SearchSpace& space) {
  std::string out;
  for (const auto& st : policy.statements) {
    if (&st != &asking && st.principal.present) {
      out += eval::principal_list_matches(st.principal, space.base.principal) ? '1' : '0';
    }
  }
  for (const auto& key : space.fixed_keys) {
    if (std::find(read_keys.begin(), read_keys.end(), key) == read_keys.end()) {
      continue; // a key no condition or variable reads cannot change a decision
    }
    out += '\n';
    out += key;
    const auto* values = space.base.context_values(key);
    if (values == nullptr) {
      out += "\n-"; // fixed as absent
      continue;
    }
    for (const auto& v : *values) {
      out += "\n=";
      out += v;
    }
  }
  return out;
}

} // namespace policylint::rules::support
