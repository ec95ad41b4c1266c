#pragma once
// A syntax tree with exact source spans: what every front end (JSON now; YAML and
// embedded JSON strings later) produces, and what the policy model is built from.
// Objects keep every member in source order, duplicates included, so that the model
// builder can report them instead of letting "last one wins" decide silently.
#include <policylint/core/source_range.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace policylint::json {

enum class Kind { null, boolean, number, string, array, object };

struct Member;

struct Value {
  Kind kind = Kind::null;
  SourceRange range;     // the whole token or container; strings include their quotes
  std::string text;      // string: unescaped UTF-8; number: the raw token; boolean: true|false
  std::vector<Value> items;    // array elements
  std::vector<Member> members; // object members, in source order

  [[nodiscard]] bool is_string() const { return kind == Kind::string; }
  [[nodiscard]] bool is_object() const { return kind == Kind::object; }
  [[nodiscard]] bool is_array() const { return kind == Kind::array; }
  // The first member with exactly this key, or nullptr.
  [[nodiscard]] const Value* find(std::string_view key) const;
};

struct Member {
  std::string key;
  SourceRange key_range; // the key token, with quotes
  Value value;
};

[[nodiscard]] std::string_view kind_name(Kind kind);

inline const Value* Value::find(std::string_view key) const {
  for (const auto& m : members) {
    if (m.key == key) {
      return &m.value;
    }
  }
  return nullptr;
}

} // namespace policylint::json
