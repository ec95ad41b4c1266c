#include <policylint/rules/support/role_assumption.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::support {

bool role_assumption_action(std::string_view action) {
  static constexpr std::array<std::string_view, 4> k_only{"sts:assumerole", "sts:tagsession", "sts:setsourceidentity",
                                                          "sts:getcalleridentity"};
  return std::any_of(k_only.begin(), k_only.end(), [&](std::string_view a) {
    return a.size() == action.size() && std::equal(a.begin(), a.end(), action.begin(), [](char x, char y) {
             return x == (y >= 'A' && y <= 'Z' ? static_cast<char>(y - 'A' + 'a') : y);
           });
  });
}

} // namespace policylint::rules::support
