#pragma once
// Policies often arrive as strings inside another document: a JSON string in a Terraform plan
// or a CLI response, URL-encoded in an authorization-details snapshot. We decode the string,
// parse the decoded bytes, and translate every range back to the outer file with an offset
// map: at(i) is the outer-file offset of the escape sequence that produced decoded byte i,
// and at(size) is the offset just past the last one (the closing quote). A decoded range
// [b, e) therefore becomes [at(b), at(e)): it covers the whole escape sequences.
#include <policylint/core/source_range.hpp>
#include <policylint/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::frontend {

// The map is kept as pieces, not one entry per byte: a run copied unchanged is one piece, and
// so are the bytes of one escape. A 50 MB policy string then costs a few bytes of map instead
// of 200 MB, and an escaped document (\" every few bytes) about a third of the per-byte map.
class OffsetMap {
public:
  // Appends `n` decoded bytes that came one to one from `origin`, `origin + 1`, ...
  void append_run(std::uint32_t origin, std::size_t n);
  // Appends `n` decoded bytes that all came from the sequence at `origin`.
  void append_same(std::uint32_t origin, std::size_t n);
  // Ends the map: `end` is the offset just past the last sequence.
  void finish(std::uint32_t end) { m_end = end; }

  [[nodiscard]] bool empty() const noexcept { return m_size == 0 && m_pieces.empty() && m_end == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return m_size; } // decoded bytes mapped
  // The outer offset of decoded byte `i`; from size() on, the end offset.
  [[nodiscard]] std::uint32_t at(std::size_t i) const noexcept;

  // Reads the map at increasing positions in amortised O(1) each (percent decoding composes
  // one map with another byte by byte).
  class Reader {
  public:
    explicit Reader(const OffsetMap& map) : m_map(map) {}
    [[nodiscard]] std::uint32_t at(std::size_t i) noexcept;

  private:
    const OffsetMap& m_map;
    std::size_t m_piece = 0;
  };

private:
  struct Piece {
    std::uint32_t begin = 0;  // first decoded byte of the piece
    std::uint32_t origin = 0; // outer offset of that byte
    bool run = false;         // the bytes after it advance with it (else they share its origin)
  };
  [[nodiscard]] std::uint32_t in_piece(const Piece& p, std::size_t i) const noexcept {
    return p.run ? p.origin + static_cast<std::uint32_t>(i - p.begin) : p.origin;
  }
  std::vector<Piece> m_pieces;
  std::uint32_t m_size = 0;
  std::uint32_t m_end = 0;
};

struct DecodedText {
  std::string text;
  OffsetMap map; // text.size() bytes, then the end offset
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
