#pragma once
#include <string>
#include <string_view>

namespace policylint::output {

// The documented spelling of a condition key that requests store lower-cased
// ("aws:sourceip" → "aws:SourceIp"); unknown keys are returned as given.
[[nodiscard]] std::string display_key(std::string_view lower_key);

} // namespace policylint::output
