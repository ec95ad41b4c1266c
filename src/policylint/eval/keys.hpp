#pragma once
// Facts about condition keys that the evaluator needs, kept in one place.
#include <string_view>

namespace policylint::eval {

// Known multi-valued (ArrayOf…) condition keys, compared case-insensitively. An unqualified
// operator on one of these never matches (§6.4, Access Analyzer MISSING_QUALIFIER) and they
// cannot be used as policy variables (§7).
[[nodiscard]] bool is_multivalued_key(std::string_view key);

} // namespace policylint::eval
