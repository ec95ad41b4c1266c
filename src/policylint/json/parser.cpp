// simdjson On-Demand walks every value once; ranges come from raw token pointers into the
// caller's padded buffer. This file is the only place that sees simdjson types.
#include <policylint/json/parser.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <deque>
#include <iterator>
#include <string>
#include <vector>

namespace policylint::json {

namespace od = simdjson::ondemand;

std::string_view kind_name(Kind kind) {
  switch (kind) {
  case Kind::null: return "null";
  case Kind::boolean: return "boolean";
  case Kind::number: return "number";
  case Kind::string: return "string";
  case Kind::array: return "array";
  case Kind::object: return "object";
  }
  return "value";
}

namespace {

// A one-byte range for an error at `at`, clipped to the file: an error at the end of the
// input ("unexpected end") points at the end, never past it.
SourceRange caret(const SourceFile& file, std::uint32_t at) {
  const auto size = static_cast<std::uint32_t>(file.size());
  const std::uint32_t begin = std::min(at, size);
  return SourceRange{begin, std::min(begin + 1, size)};
}

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Offset of the first byte that is not valid UTF-8, or npos. simdjson rejects such input
// without saying where; users need the position.
std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80U) {
      ++i;
      continue;
    }
    if ((c & 0xE0U) == 0xC0U) {
      len = 2;
      cp = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      len = 3;
      cp = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      len = 4;
      cp = c & 0x07U;
    } else {
      return i;
    }
    if (i + len > s.size()) {
      return i;
    }
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0U) != 0x80U) {
        return i;
      }
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    const bool overlong = (len == 2 && cp < 0x80U) || (len == 3 && cp < 0x800U) || (len == 4 && cp < 0x10000U);
    if (overlong || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// RFC 8259 §6 number grammar. simdjson 3.0 says NUMBER_ERROR for valid numbers it cannot
// represent (1e400, integers beyond 64 bits) as well as for malformed ones.
bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    return i > start;
  };
  if (i < s.size() && s[i] == '-') {
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.' && (++i, !digits())) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    if (!digits()) {
      return false;
    }
  }
  return i == s.size();
}

// For errors simdjson finds before walking (stage 1): the first raw control character inside
// a string, or the opening quote of a string that never ends; npos if neither.
std::size_t string_error_offset(std::string_view s, bool unclosed) {
  bool in_string = false;
  std::size_t open = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!in_string) {
      if (c == '"') {
        in_string = true;
        open = i;
      }
    } else if (c == '\\') {
      ++i;
    } else if (c == '"') {
      in_string = false;
    } else if (c < 0x20U && !unclosed) {
      return i;
    }
  }
  return in_string ? open : std::string_view::npos;
}

std::string describe(simdjson::error_code error) {
  switch (error) {
  case simdjson::EMPTY: return "the file is empty or holds only whitespace; a policy is a JSON object";
  case simdjson::TAPE_ERROR:
  case simdjson::INCORRECT_TYPE: return "invalid JSON structure (a missing or extra ',', ':', brace or bracket?)";
  case simdjson::STRING_ERROR: return "invalid string (bad escape sequence or unterminated string)";
  case simdjson::UNCLOSED_STRING: return "unterminated string";
  case simdjson::UNESCAPED_CHARS: return "control character inside a string must be escaped";
  case simdjson::T_ATOM_ERROR: return "invalid literal; did you mean true?";
  case simdjson::F_ATOM_ERROR: return "invalid literal; did you mean false?";
  case simdjson::N_ATOM_ERROR: return "invalid literal; did you mean null?";
  case simdjson::NUMBER_ERROR: return "invalid number";
  case simdjson::UTF8_ERROR: return "the file is not valid UTF-8";
  case simdjson::DEPTH_ERROR: return "nesting is too deep";
  case simdjson::CAPACITY: return "the file is too large to parse";
  case simdjson::TRAILING_CONTENT: return "unexpected content after the end of the JSON value";
  default: return fmt::format("invalid JSON ({})", simdjson::error_message(error));
  }
}

class Walker {
public:
  Walker(const SourceFile& file, od::document& doc, const ParseLimits& limits)
      : m_file(file), m_doc(doc), m_limits(limits) {}

  Result<Value> root() {
    od::json_type type{};
    if (auto err = m_doc.type().get(type)) {
      return error_here(err);
    }
    Value out;
    if (type == od::json_type::object || type == od::json_type::array) {
      od::value v;
      if (auto err = m_doc.get_value().get(v)) {
        return error_here(err);
      }
      POLICYLINT_TRY(walk(v, out, 1));
    } else {
      POLICYLINT_TRY(root_scalar(type, out));
    }
    // Anything but whitespace after the root value is an error (simdjson 3.0 has no at_end()).
    const char* next = nullptr;
    if (!m_root_done && !m_doc.current_location().get(next) && next != nullptr && offset_of(next) < m_file.size()) {
      return error_at(offset_of(next), describe(simdjson::TRAILING_CONTENT));
    }
    return out;
  }

private:
  std::uint32_t offset_of(const char* p) const { return static_cast<std::uint32_t>(p - m_file.padded_data()); }

  // The token text without the whitespace simdjson includes after it.
  SourceRange token_range(std::string_view raw) const {
    while (!raw.empty() && is_json_space(raw.back())) {
      raw.remove_suffix(1);
    }
    return m_file.range_of(raw);
  }

  unexpected<Error> error_at(std::uint32_t offset, std::string message, ErrorCode code = ErrorCode::invalid_json) const {
    return fail(Error(code, std::move(message), caret(m_file, offset)));
  }

  unexpected<Error> error_at_location(simdjson::error_code error) {
    const char* where = nullptr;
    std::uint32_t offset = static_cast<std::uint32_t>(m_file.size());
    if (!m_doc.current_location().get(where) && where != nullptr) {
      offset = offset_of(where);
    }
    return error_at(std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(m_file.size())), describe(error));
  }

  unexpected<Error> error_here(simdjson::error_code error) {
    if (error == simdjson::UTF8_ERROR) {
      const auto bad = first_invalid_utf8(m_file.text());
      return error_at(bad == std::string_view::npos ? 0 : static_cast<std::uint32_t>(bad),
                      "the file is not valid UTF-8 (invalid byte sequence here)");
    }
    if (error == simdjson::EMPTY) {
      return error_at(0, describe(error));
    }
    return error_at_location(error);
  }

  // The end of a container we just finished: just past its closing bracket.
  std::uint32_t container_end() {
    const char* next = nullptr;
    std::size_t pos = m_file.size();
    if (!m_doc.current_location().get(next) && next != nullptr) {
      pos = static_cast<std::size_t>(next - m_file.padded_data());
    }
    const std::string_view text = m_file.text();
    while (pos > 0 && is_json_space(text[pos - 1])) {
      --pos;
    }
    // current_location points at the next structural character (',' ']' '}') or past EOF.
    if (pos > 0 && (text[pos - 1] == ',' || text[pos - 1] == ':')) {
      --pos;
      while (pos > 0 && is_json_space(text[pos - 1])) {
        --pos;
      }
    }
    return static_cast<std::uint32_t>(pos);
  }

  [[gnu::noinline]] Result<void> scalar(od::value& v, od::json_type type, Value& out) {
    out.range = token_range(v.raw_json_token());
    switch (type) {
    case od::json_type::string: {
      std::string_view s;
      if (auto err = v.get_string().get(s)) {
        return error_at(out.range.begin, describe(err));
      }
      out.kind = Kind::string;
      out.text.assign(s);
      return {};
    }
    case od::json_type::number: {
      od::number n;
      auto err = v.get_number().get(n);
      // Integers beyond 64 bits are valid JSON; keep their text.
      out.text.assign(m_file.text().substr(out.range.begin, out.range.end - out.range.begin));
      if (err && !(err == simdjson::NUMBER_ERROR && is_json_number(out.text))) {
        return error_at(out.range.begin, describe(err));
      }
      out.kind = Kind::number;
      return {};
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto err = v.get_bool().get(b)) {
        return error_at(out.range.begin, describe(err));
      }
      out.kind = Kind::boolean;
      out.text = b ? "true" : "false";
      return {};
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto err = v.is_null().get(is_null); err || !is_null) {
        return error_at(out.range.begin, describe(simdjson::N_ATOM_ERROR));
      }
      out.kind = Kind::null;
      return {};
    }
    default: return error_at(out.range.begin, "invalid JSON value");
    }
  }

  Result<void> root_scalar(od::json_type type, Value& out) {
    std::string_view raw;
    if (auto err = m_doc.raw_json_token().get(raw)) {
      return error_here(err);
    }
    out.range = token_range(raw);
    simdjson::error_code err = simdjson::SUCCESS;
    switch (type) {
    case od::json_type::string: {
      std::string_view s;
      err = m_doc.get_string().get(s);
      out.kind = Kind::string;
      out.text.assign(s);
      break;
    }
    case od::json_type::number: {
      double d = 0;
      err = m_doc.get_double().get(d);
      out.kind = Kind::number;
      out.text.assign(m_file.text().substr(out.range.begin, out.range.end - out.range.begin));
      if (err == simdjson::NUMBER_ERROR && is_json_number(out.text)) {
        // simdjson did not consume the token: check what follows it here.
        const auto rest = m_file.text().find_first_not_of(" \t\n\r", out.range.end);
        if (rest != std::string_view::npos) {
          return error_at(static_cast<std::uint32_t>(rest), describe(simdjson::TRAILING_CONTENT));
        }
        m_root_done = true;
        err = simdjson::SUCCESS;
      }
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      err = m_doc.get_bool().get(b);
      out.kind = Kind::boolean;
      out.text = b ? "true" : "false";
      break;
    }
    case od::json_type::null: {
      bool is_null = false;
      err = m_doc.is_null().get(is_null);
      if (!err && !is_null) {
        err = simdjson::N_ATOM_ERROR;
      }
      out.kind = Kind::null;
      break;
    }
    default: err = simdjson::TAPE_ERROR;
    }
    if (err) {
      return error_at(out.range.begin, describe(err));
    }
    return {};
  }

  Result<void> walk(od::value& v, Value& out, std::uint32_t depth) {
    od::json_type type{};
    if (auto err = v.type().get(type)) {
      return error_here(err);
    }
    if (type != od::json_type::object && type != od::json_type::array) {
      return scalar(v, type, out);
    }
    const auto begin = offset_of(v.raw_json_token().data());
    if (depth > m_limits.max_depth) {
      return too_deep(begin);
    }
    // Each kind of container in a function of its own: a deep document pays one small frame
    // per level (under AddressSanitizer every local of both branches took a slot of its own).
    POLICYLINT_TRY(type == od::json_type::array ? walk_array(v, out, depth) : walk_object(v, out, depth));
    out.range = SourceRange{begin, container_end()};
    if (out.range.end <= begin) {
      out.range.end = begin + 1;
    }
    return {};
  }

  [[gnu::noinline]] unexpected<Error> too_deep(std::uint32_t begin) const {
    return fail(Error(ErrorCode::limit, fmt::format("nesting deeper than {} levels (--max-depth)", m_limits.max_depth),
                      caret(m_file, begin)));
  }

  [[gnu::noinline]] Result<void> walk_array(od::value& v, Value& out, std::uint32_t depth) {
    out.kind = Kind::array;
    od::array arr;
    if (auto err = v.get_array().get(arr)) {
      return error_here(err);
    }
    // Children are gathered on a stack shared by every level and moved into a vector of
    // exactly their number: growing each small vector by doubling was a third of the
    // allocations of a snapshot's parse. The stack is a deque, so a child is walked in place
    // (a deque keeps its elements where they are as deeper levels push and pop).
    const std::size_t base = m_items.size();
    for (auto element : arr) {
      od::value item;
      if (auto err = element.get(item)) {
        return error_here(err);
      }
      POLICYLINT_TRY(walk(item, m_items.emplace_back(), depth + 1));
    }
    take_from(m_items, base, out.items);
    return {};
  }

  [[gnu::noinline]] Result<void> walk_object(od::value& v, Value& out, std::uint32_t depth) {
    out.kind = Kind::object;
    od::object obj;
    if (auto err = v.get_object().get(obj)) {
      return error_here(err);
    }
    const std::size_t base = m_members.size();
    for (auto field : obj) {
      Member& m = m_members.emplace_back();
      od::raw_json_string raw_key;
      if (auto err = field.key().get(raw_key)) {
        return error_here(err);
      }
      // raw_json_string points just past the opening quote.
      const auto key_begin = offset_of(raw_key.raw()) - 1;
      std::string_view key;
      if (auto err = field.unescaped_key().get(key)) {
        return error_at(key_begin, describe(err)); // the key, not the value after it
      }
      m.key.assign(key);
      const std::string_view text = m_file.text();
      std::uint32_t key_end = key_begin + 1;
      while (key_end < text.size() && text[key_end] != '"') {
        key_end += text[key_end] == '\\' ? 2U : 1U;
      }
      m.key_range = SourceRange{key_begin, std::min<std::uint32_t>(key_end + 1, static_cast<std::uint32_t>(text.size()))};
      od::value item;
      if (auto err = field.value().get(item)) {
        return error_here(err);
      }
      POLICYLINT_TRY(walk(item, m.value, depth + 1));
    }
    take_from(m_members, base, out.members);
    return {};
  }

  // Moves the stack's elements from `base` on into `out`, sized exactly, and pops them.
  template <class T>
  [[gnu::noinline]] static void take_from(std::deque<T>& stack, std::size_t base, std::vector<T>& out) {
    const auto first = stack.begin() + static_cast<std::ptrdiff_t>(base);
    out.reserve(stack.size() - base);
    std::move(first, stack.end(), std::back_inserter(out));
    stack.erase(first, stack.end());
  }

  const SourceFile& m_file;
  od::document& m_doc;
  const ParseLimits& m_limits;
  bool m_root_done = false;
  std::deque<Value> m_items;    // the children of the arrays being walked, innermost last
  std::deque<Member> m_members; // the members of the objects being walked, innermost last
};

} // namespace

namespace {

// simdjson reports structural errors where it noticed them; invalid UTF-8 earlier in the
// file is the first place the file stops being JSON, so it wins. Only runs on failure.
unexpected<Error> earliest_error(const SourceFile& file, Error error) {
  const auto bad = first_invalid_utf8(file.text());
  if (bad != std::string_view::npos && (!error.range || bad < error.range->begin)) {
    const auto at = static_cast<std::uint32_t>(bad);
    return fail(Error(ErrorCode::invalid_json, "the file is not valid UTF-8 (invalid byte sequence here)",
                      caret(file, at)));
  }
  return fail(std::move(error));
}

} // namespace

Result<Value> parse(const SourceFile& file, const ParseLimits& limits) {
  std::size_t start = 0;
  if (file.text().starts_with("\xEF\xBB\xBF")) {
    return fail(Error(ErrorCode::invalid_json,
                      "the file starts with a UTF-8 byte order mark; IAM rejects it — save the file without a BOM",
                      SourceRange{0, 3}));
  }
  od::parser parser;
  // simdjson's own depth limit stays above ours so that ours reports first, with a position.
  if (auto err = parser.allocate(std::max<std::size_t>(file.size(), 64), limits.max_depth + 2)) {
    return fail(Error(ErrorCode::limit, describe(err), caret(file, 0)));
  }
  const simdjson::padded_string_view view(file.padded_data() + start, file.size() - start,
                                          file.padded_capacity() - start);
  od::document doc;
  if (auto err = parser.iterate(view).get(doc)) {
    if (err == simdjson::UTF8_ERROR) {
      const auto bad = first_invalid_utf8(file.text());
      const auto at = static_cast<std::uint32_t>(bad == std::string_view::npos ? 0 : bad);
      return fail(Error(ErrorCode::invalid_json, "the file is not valid UTF-8 (invalid byte sequence here)",
                        caret(file, at)));
    }
    std::size_t where = 0;
    if (err == simdjson::UNCLOSED_STRING || err == simdjson::UNESCAPED_CHARS) {
      where = string_error_offset(file.text(), err == simdjson::UNCLOSED_STRING);
      where = where == std::string_view::npos ? 0 : where;
    }
    const auto at = static_cast<std::uint32_t>(where);
    return earliest_error(file, Error(ErrorCode::invalid_json, describe(err), caret(file, at)));
  }
  Walker walker(file, doc, limits);
  auto result = walker.root();
  if (!result && result.error().code == ErrorCode::invalid_json) {
    return earliest_error(file, std::move(result).error());
  }
  return result;
}

} // namespace policylint::json
