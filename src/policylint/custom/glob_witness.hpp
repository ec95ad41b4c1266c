#pragma once
// A string that two IAM wildcard patterns (`*` any run, `?` one character) both match, if
// any: a resource that a statement's Resource and a check's resource pattern have in common
// ("arn:aws:s3:::*-data" and "arn:aws:s3:::prod-*" → "arn:aws:s3:::prod-data"), which
// instantiating either pattern alone would miss. The search is a breadth-first walk over
// pairs of positions, so the witness is one of the shortest. Characters are compared exactly.
#include <optional>
#include <string>
#include <string_view>

namespace policylint::custom {

[[nodiscard]] std::optional<std::string> common_instance(std::string_view a, std::string_view b);

} // namespace policylint::custom
