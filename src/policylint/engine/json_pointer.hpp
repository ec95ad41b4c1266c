#pragma once
// RFC 6901 JSON pointers for findings: where in the document a finding is, independent of
// formatting, so that config suppressions and baselines can name it.
#include <policylint/core/expected.hpp>
#include <policylint/engine/diagnostic.hpp>
#include <policylint/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::engine {

// The pointer of the deepest node whose range contains `offset`: a member's key token counts
// as the member ("/Statement/0/Action" for the key "Action" and for its value). "" (the
// whole document) when the offset is outside every child.
[[nodiscard]] std::string pointer_at(const json::Value& root, std::uint32_t offset);

// The pointer of the node of `root` that spans exactly `range`, else of the deepest value that
// holds its start (a document parsed from a JSON string: the string). Unlike pointer_at, a
// key never counts: a YAML mapping starts at its first key, and the mapping is meant.
[[nodiscard]] std::string pointer_to_range(const json::Value& root, SourceRange range);

// The Sid of the statement a pointer lies in ("/Statement/2/..." or, for a single statement
// object, "/Statement/..."), or "" when there is none or it is not a string.
[[nodiscard]] std::string statement_sid_at(const json::Value& root, std::string_view pointer);

// Fills Diagnostic::pointer and Diagnostic::sid from the parsed document.
void annotate_pointers(const json::Value& root, std::vector<Diagnostic>& diagnostics);

// "~" → "~0", "/" → "~1".
[[nodiscard]] std::string escape_pointer_token(std::string_view token);
// Splits and unescapes a pointer; an error for text that is not an RFC 6901 pointer (does
// not start with '/', or has '~' not followed by 0 or 1).
[[nodiscard]] Result<std::vector<std::string>> parse_pointer(std::string_view pointer);
// `pointer` is `prefix` or lies below it ("/Statement/0/Action" is within "/Statement/0",
// not within "/Statement/01").
[[nodiscard]] bool pointer_within(std::string_view pointer, std::string_view prefix);

} // namespace policylint::engine
