#pragma once
#include <string>
#include <string_view>

namespace policylint::output {

// Appends `text` as a JSON string literal (quotes included). Invalid UTF-8 bytes are
// replaced with U+FFFD so that every output stays valid JSON.
void append_json_string(std::string& out, std::string_view text);
[[nodiscard]] std::string json_string(std::string_view text);

} // namespace policylint::output
