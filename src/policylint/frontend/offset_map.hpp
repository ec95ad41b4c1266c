#pragma once
// Policies often arrive as strings inside another document: a JSON string in a Terraform plan
// or a CLI response, URL-encoded in an authorization-details snapshot. We decode the string,
// parse the decoded bytes, and translate every range back to the outer file with an offset
// map: map[i] is the outer-file offset of the escape sequence that produced decoded byte i,
// and map[size] is the offset just past the last one (the closing quote). A decoded range
// [b, e) therefore becomes [map[b], map[e]): it covers the whole escape sequences.
#include <policylint/core/source_range.hpp>
#include <policylint/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::frontend {

struct DecodedText {
  std::string text;
  std::vector<std::uint32_t> map; // text.size() + 1 entries
  [[nodiscard]] SourceRange outer(SourceRange inner) const;
};

// Decodes the body of a JSON string token (`raw` is the text between the quotes, found at
// `base` in the outer file). Returns nullopt on a malformed escape (the outer JSON parser
// has already accepted the token, so this does not happen for parsed input).
[[nodiscard]] std::optional<DecodedText> decode_json_string(std::string_view raw, std::uint32_t base);

// Decodes %XX sequences (RFC 3986, as IAM returns documents; '+' is left alone), keeping the
// map to the outer file composed with `input.map`. Malformed '%' sequences are kept as is.
[[nodiscard]] DecodedText percent_decode(const DecodedText& input);

// True when `text` looks like a URL-encoded JSON document ("%7B..." after optional blanks).
[[nodiscard]] bool looks_percent_encoded(std::string_view text);

// Rewrites every range in the tree (values and member keys) through the map.
void remap_ranges(json::Value& value, const DecodedText& decoded);

} // namespace policylint::frontend
