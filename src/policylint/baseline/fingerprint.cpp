#include <policylint/baseline/baseline.hpp>

#include <policylint/core/fnv1a.hpp>
#include <policylint/engine/json_pointer.hpp>
#include <policylint/engine/rule.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace policylint::baseline {

namespace {

// FNV-1a: stable across platforms and releases, which is all a baseline needs.
using core::fnv1a;

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::string location_key(const engine::Diagnostic& d) {
  if (d.sid.empty()) {
    return d.pointer;
  }
  auto tokens = engine::parse_pointer(d.pointer);
  if (!tokens || tokens->empty() || (*tokens)[0] != "Statement") {
    return d.pointer;
  }
  // "/Statement/3/Action" and (one statement object) "/Statement/Action" → "/Statement/Sid=X/Action":
  // the statement keeps its identity when statements are reordered.
  const std::size_t rest = tokens->size() >= 2 && all_digits((*tokens)[1]) ? 2 : 1;
  std::string key = "/Statement/Sid=" + engine::escape_pointer_token(d.sid);
  for (std::size_t i = rest; i < tokens->size(); ++i) {
    key += "/" + engine::escape_pointer_token((*tokens)[i]);
  }
  return key;
}

std::string normalised_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  bool in_string = false;
  bool escaped = false;
  for (const char c : token) {
    if (in_string) {
      out.push_back(c);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      continue;
    }
    in_string = c == '"';
    out.push_back(c);
  }
  return out;
}

void stamp(const SourceFile& file, std::vector<engine::Diagnostic>& found) {
  const std::string_view text = file.text();
  for (auto& d : found) {
    const std::size_t begin = std::min<std::size_t>(d.range.begin, text.size());
    const std::size_t end = std::clamp<std::size_t>(d.range.end, begin, text.size());
    std::uint64_t hash = fnv1a(d.rule->code);
    hash = fnv1a(std::string_view("\0", 1), hash);
    hash = fnv1a(location_key(d), hash);
    hash = fnv1a(std::string_view("\0", 1), hash);
    hash = fnv1a(normalised_token(text.substr(begin, end - begin)), hash);
    d.fingerprint = fmt::format("{:016x}", hash);
  }
}

} // namespace policylint::baseline
