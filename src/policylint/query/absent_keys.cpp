#include <policylint/query/absent_keys.hpp>

#include <algorithm>

namespace policylint::query {

namespace {

bool same_key(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

} // namespace

std::vector<std::string> absent_condition_keys(std::span<const policy::Policy* const> policies,
                                               const eval::Request& request) {
  std::vector<std::string> out;
  for (const policy::Policy* p : policies) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        const std::string& key = c.key.value;
        if (key.empty() || request.context_values(key) != nullptr) {
          continue;
        }
        if (std::none_of(out.begin(), out.end(), [&](const std::string& k) { return same_key(k, key); })) {
          out.push_back(key);
        }
      }
    }
  }
  return out;
}

} // namespace policylint::query
