#include <policylint/output/json_text.hpp>

#include <fmt/format.h>

namespace policylint::output {

namespace {
// Length of the valid UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  if (c >= 0xC2U && c <= 0xDFU) {
    len = 2;
  } else if (c >= 0xE0U && c <= 0xEFU) {
    len = 3;
  } else if (c >= 0xF0U && c <= 0xF4U) {
    len = 4;
  } else {
    return 0;
  }
  if (i + len > s.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) {
      return 0;
    }
  }
  return len;
}
} // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  // Printable ASCII other than '"' and '\\' is copied in runs, not a byte at a time: the
  // writers spend most of their time here on a run with thousands of findings.
  std::size_t plain = 0; // where the run not yet copied starts
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20U && u < 0x80U && c != '"' && c != '\\') {
      continue;
    }
    out.append(text.substr(plain, i - plain));
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (u < 0x20U) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(u));
      } else if (const std::size_t len = utf8_length(text, i); len != 0) {
        out.append(text.substr(i, len));
        i += len - 1;
      } else {
        out += "\xEF\xBF\xBD";
      }
    }
    plain = i + 1;
  }
  out.append(text.substr(plain));
  out.push_back('"');
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

} // namespace policylint::output
