#include <policylint/frontend/embedded.hpp>
#include <policylint/frontend/offset_map.hpp>

#include <utility>

namespace policylint::frontend {

namespace {

DecodedText decode_token(const SourceFile& file, const json::Value& token) {
  const std::string_view text = file.text();
  const SourceRange r = token.range;
  if (r.end > r.begin + 1 && r.end <= text.size() && text[r.begin] == '"' && text[r.end - 1] == '"') {
    if (auto d = decode_json_string(text.substr(r.begin + 1, r.end - r.begin - 2), r.begin + 1)) {
      return std::move(*d);
    }
  }
  DecodedText flat;
  flat.text = token.text;
  flat.map.append_same(r.begin, flat.text.size());
  flat.map.finish(r.end);
  return flat;
}

} // namespace

Result<json::Value> parse_embedded_document(const SourceFile& file, const json::Value& token,
                                            const json::ParseLimits& limits) {
  DecodedText decoded = decode_token(file, token);
  if (looks_percent_encoded(decoded.text)) {
    decoded = percent_decode(decoded);
  }
  // The decoded bytes move into the inner file (only the offset map is needed afterwards): a
  // 50 MB policy string is then held once more, not twice.
  const SourceFile inner(file.path(), std::move(decoded.text));
  auto tree = json::parse(inner, limits);
  if (!tree) {
    Error e = tree.error();
    e.message = "the policy string is not valid JSON: " + e.message;
    e.range = decoded.outer(e.range.value_or(SourceRange{0, 1}));
    if (e.range->empty()) {
      e.range->end = e.range->begin + 1;
    }
    return fail(std::move(e));
  }
  remap_ranges(*tree, decoded);
  return std::move(*tree);
}

} // namespace policylint::frontend
