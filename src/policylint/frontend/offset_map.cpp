#include <policylint/frontend/offset_map.hpp>

#include <policylint/core/source_file.hpp>

#include <algorithm>
#include <cstddef>

namespace policylint::frontend {

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::optional<std::uint32_t> hex4(std::string_view s, std::size_t at) {
  if (at + 4 > s.size()) {
    return std::nullopt;
  }
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const int d = hex_digit(s[at + k]);
    if (d < 0) {
      return std::nullopt;
    }
    v = v * 16 + static_cast<std::uint32_t>(d);
  }
  return v;
}

// Appends the UTF-8 encoding of a code point; every byte maps to `origin`.
void append_utf8(DecodedText& out, std::uint32_t cp, std::uint32_t origin) {
  const std::size_t before = out.text.size();
  auto put = [&](std::uint32_t byte) { out.text.push_back(static_cast<char>(byte)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
  out.map.append_same(origin, out.text.size() - before);
}

void shift_range(SourceRange& r, const DecodedText& d) { r = d.outer(r); }

} // namespace

void OffsetMap::append_run(std::uint32_t origin, std::size_t n) {
  if (n == 0) {
    return;
  }
  if (!m_pieces.empty()) {
    Piece& last = m_pieces.back();
    const std::uint32_t length = m_size - last.begin;
    if ((last.run || length == 1) && origin == last.origin + length) {
      last.run = true; // continues the last piece (a one-byte piece becomes a run)
      m_size += static_cast<std::uint32_t>(n);
      return;
    }
  }
  m_pieces.push_back(Piece{m_size, origin, true});
  m_size += static_cast<std::uint32_t>(n);
}

void OffsetMap::append_same(std::uint32_t origin, std::size_t n) {
  if (n == 0) {
    return;
  }
  if (n == 1) {
    append_run(origin, 1); // one byte is both kinds; as a run it may join its neighbours
    return;
  }
  if (!m_pieces.empty() && !m_pieces.back().run && m_pieces.back().origin == origin) {
    m_size += static_cast<std::uint32_t>(n);
    return;
  }
  m_pieces.push_back(Piece{m_size, origin, false});
  m_size += static_cast<std::uint32_t>(n);
}

std::uint32_t OffsetMap::at(std::size_t i) const noexcept {
  if (i >= m_size) {
    return m_end;
  }
  // The last piece that begins at or before i.
  const auto it = std::upper_bound(m_pieces.begin(), m_pieces.end(), i,
                                   [](std::size_t x, const Piece& p) { return x < p.begin; });
  return in_piece(*(it - 1), i);
}

std::uint32_t OffsetMap::Reader::at(std::size_t i) noexcept {
  if (i >= m_map.m_size) {
    return m_map.m_end;
  }
  while (m_piece + 1 < m_map.m_pieces.size() && m_map.m_pieces[m_piece + 1].begin <= i) {
    ++m_piece;
  }
  return m_map.in_piece(m_map.m_pieces[m_piece], i);
}

SourceRange DecodedText::outer(SourceRange inner) const {
  if (map.empty()) {
    return inner;
  }
  return SourceRange{map.at(inner.begin), map.at(inner.end)};
}

std::optional<DecodedText> decode_json_string(std::string_view raw, std::uint32_t base) {
  DecodedText out;
  out.text.reserve(raw.size() + SourceFile::k_padding); // decoding never lengthens
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto origin = static_cast<std::uint32_t>(base + i);
    if (raw[i] != '\\') {
      // A run without escapes maps one to one: copied whole (a 50 MB policy string is mostly one).
      const std::size_t end = std::min(raw.find('\\', i), raw.size());
      out.text.append(raw.substr(i, end - i));
      out.map.append_run(origin, end - i);
      i = end;
      continue;
    }
    if (i + 1 >= raw.size()) {
      return std::nullopt;
    }
    const char e = raw[i + 1];
    char simple = 0;
    switch (e) {
    case '"': simple = '"'; break;
    case '\\': simple = '\\'; break;
    case '/': simple = '/'; break;
    case 'b': simple = '\b'; break;
    case 'f': simple = '\f'; break;
    case 'n': simple = '\n'; break;
    case 'r': simple = '\r'; break;
    case 't': simple = '\t'; break;
    case 'u': break;
    default: return std::nullopt;
    }
    if (simple != 0) {
      out.text.push_back(simple);
      out.map.append_same(origin, 1);
      i += 2;
      continue;
    }
    auto cp = hex4(raw, i + 2);
    if (!cp) {
      return std::nullopt;
    }
    std::size_t used = 6;
    if (*cp >= 0xD800 && *cp <= 0xDBFF) {
      // A high surrogate must be followed by \uDC00-\uDFFF: together one code point.
      if (i + 12 > raw.size() || raw[i + 6] != '\\' || raw[i + 7] != 'u') {
        return std::nullopt;
      }
      auto low = hex4(raw, i + 8);
      if (!low || *low < 0xDC00 || *low > 0xDFFF) {
        return std::nullopt;
      }
      *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
      used = 12;
    } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
      return std::nullopt;
    }
    append_utf8(out, *cp, origin);
    i += used;
  }
  out.map.finish(static_cast<std::uint32_t>(base + raw.size()));
  return out;
}

DecodedText percent_decode(const DecodedText& input) {
  DecodedText out;
  const std::string_view s = input.text;
  out.text.reserve(s.size() + SourceFile::k_padding);
  const bool mapped = !input.map.empty();
  OffsetMap::Reader in(input.map);
  const auto origin_of = [&](std::size_t i) { return mapped ? in.at(i) : static_cast<std::uint32_t>(i); };
  std::size_t i = 0;
  while (i < s.size()) {
    const std::uint32_t origin = origin_of(i);
    if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out.text.push_back(static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2])));
      out.map.append_same(origin, 1);
      i += 3;
      continue;
    }
    out.text.push_back(s[i]);
    out.map.append_same(origin, 1);
    ++i;
  }
  out.map.finish(mapped ? input.map.at(s.size()) : static_cast<std::uint32_t>(s.size()));
  return out;
}

bool looks_percent_encoded(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
    ++i;
  }
  return text.substr(i, 3) == "%7B" || text.substr(i, 3) == "%7b";
}

void remap_ranges(json::Value& value, const DecodedText& decoded) {
  // Iterative, so that a deeply nested document cannot exhaust the stack.
  std::vector<json::Value*> stack{&value};
  while (!stack.empty()) {
    json::Value* v = stack.back();
    stack.pop_back();
    shift_range(v->range, decoded);
    for (auto& item : v->items) {
      stack.push_back(&item);
    }
    for (auto& m : v->members) {
      shift_range(m.key_range, decoded);
      stack.push_back(&m.value);
    }
  }
}

} // namespace policylint::frontend
