#include <policylint/fix/json_edit.hpp>

#include <algorithm>

namespace policylint::fix {

namespace {

bool contains(SourceRange outer, SourceRange inner) {
  return outer.begin <= inner.begin && inner.end <= outer.end;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower(x) == lower(y);
         });
}

std::string_view slice(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin > end || end > text.size()) {
    return {};
  }
  return text.substr(begin, end - begin);
}

bool all_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// What separates a key from its value in this object (": " or ":"), from its first member.
std::string key_separator(std::string_view text, const json::Value& object) {
  if (object.members.empty()) {
    return ": ";
  }
  const json::Member& m = object.members.front();
  const std::string_view sep = slice(text, m.key_range.end, m.value.range.begin);
  return sep.find('\n') == std::string_view::npos && !sep.empty() ? std::string(sep) : std::string(": ");
}

// The whitespace written before the last key: what a new member after it is preceded by.
std::string before_last_key(std::string_view text, const json::Value& object) {
  const json::Member& last = object.members.back();
  const std::uint32_t from =
      object.members.size() > 1 ? object.members[object.members.size() - 2].value.range.end : object.range.begin + 1;
  std::string_view gap = slice(text, from, last.key_range.begin);
  if (const auto comma = gap.find(','); comma != std::string_view::npos) {
    gap.remove_prefix(comma + 1);
  }
  if (!all_space(gap)) {
    return " ";
  }
  if (gap.empty() && object.members.size() == 1 && key_separator(text, object).size() > 1) {
    return " "; // {"a": 1} → {"a": 1, "b": 2}
  }
  return std::string(gap);
}

} // namespace

const policy::Statement* statement_containing(const policy::Policy& policy, SourceRange range) {
  for (const auto& st : policy.statements) {
    if (contains(st.range, range)) {
      return &st;
    }
  }
  return nullptr;
}

const json::Value* object_at(const json::Value& root, SourceRange range) {
  if (!contains(root.range, range)) {
    return nullptr;
  }
  if (root.is_object() && root.range == range) {
    return &root;
  }
  for (const auto& item : root.items) {
    if (const json::Value* found = object_at(item, range)) {
      return found;
    }
  }
  for (const auto& m : root.members) {
    if (const json::Value* found = object_at(m.value, range)) {
      return found;
    }
  }
  return nullptr;
}

const json::Member* member_with_key_at(const json::Value& object, SourceRange key) {
  for (const auto& m : object.members) {
    if (contains(m.key_range, key)) {
      return &m;
    }
  }
  return nullptr;
}

const json::Member* member_named(const json::Value& object, std::string_view key) {
  for (const auto& m : object.members) {
    if (iequals(m.key, key)) {
      return &m;
    }
  }
  return nullptr;
}

std::optional<SourceRange> plain_string_inside(std::string_view text, SourceRange token) {
  const std::string_view raw = slice(text, token.begin, token.end);
  if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"' || raw.find('\\') != std::string_view::npos) {
    return std::nullopt;
  }
  return SourceRange{token.begin + 1, token.end - 1};
}

engine::TextEdit append_member(std::string_view text, const json::Value& object, std::string_view key,
                               std::string_view value_json) {
  std::string member = "\"" + std::string(key) + "\"" + key_separator(text, object) + std::string(value_json);
  if (object.members.empty()) {
    return engine::TextEdit{SourceRange{object.range.begin + 1, object.range.begin + 1}, member, {}};
  }
  const std::uint32_t at = object.members.back().value.range.end;
  return engine::TextEdit{SourceRange{at, at}, "," + before_last_key(text, object) + member, {}};
}

std::string object_like(std::string_view text, const json::Value& model, std::string_view key,
                        std::string_view value_json) {
  std::string inner_before = "";
  std::string closing = "";
  if (model.is_object() && !model.members.empty()) {
    const std::string_view open_gap = slice(text, model.range.begin + 1, model.members.front().key_range.begin);
    const std::string_view close_gap = slice(text, model.members.back().value.range.end, model.range.end - 1);
    if (all_space(open_gap) && all_space(close_gap)) {
      inner_before = open_gap;
      closing = close_gap;
    }
  }
  const std::string sep = model.is_object() ? key_separator(text, model) : std::string(": ");
  return "{" + inner_before + "\"" + std::string(key) + "\"" + sep + std::string(value_json) + closing + "}";
}

} // namespace policylint::fix
