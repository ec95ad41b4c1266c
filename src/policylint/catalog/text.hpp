#pragma once
// ASCII case folding shared by the catalog's lookups. The generator sorts tables by the
// lower-cased name's bytes, so compare_ci must order exactly like that.

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace policylint::catalog::text {

[[nodiscard]] constexpr unsigned char fold(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') ? static_cast<unsigned char>(u + ('a' - 'A')) : u;
}

[[nodiscard]] inline int compare_ci(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = fold(a[i]);
    const unsigned char y = fold(b[i]);
    if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

[[nodiscard]] inline bool equals_ci(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && compare_ci(a, b) == 0;
}

[[nodiscard]] inline bool starts_with_ci(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && compare_ci(s.substr(0, prefix.size()), prefix) == 0;
}

} // namespace policylint::catalog::text
