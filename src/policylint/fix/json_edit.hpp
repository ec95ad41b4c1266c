#pragma once
// Small helpers for fixers that edit JSON text in place: find the syntax node behind a model
// node, and add a member to an object in the style the object is already written in.
#include <policylint/engine/fix.hpp>
#include <policylint/json/value.hpp>
#include <policylint/policy/model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace policylint::fix {

// The statement whose object contains `range`, or nullptr.
[[nodiscard]] const policy::Statement* statement_containing(const policy::Policy& policy, SourceRange range);
// The object node whose range is exactly `range` (a statement's range), or nullptr.
[[nodiscard]] const json::Value* object_at(const json::Value& root, SourceRange range);
// The member of `object` whose key token contains `key`, or nullptr.
[[nodiscard]] const json::Member* member_with_key_at(const json::Value& object, SourceRange key);
// The first member whose key equals `key` ASCII-case-insensitively, or nullptr.
[[nodiscard]] const json::Member* member_named(const json::Value& object, std::string_view key);

// The characters of a string token between its quotes, when the token holds no escapes
// (so that a byte range inside it is the text it means); nullopt otherwise.
[[nodiscard]] std::optional<SourceRange> plain_string_inside(std::string_view text, SourceRange token);

// An edit that appends `"key": value_json` as the last member of `object`, copying the
// object's layout: the whitespace before its keys (newline and indentation, or a space
// for one-line objects) and the separator after its keys (": " or ":").
[[nodiscard]] engine::TextEdit append_member(std::string_view text, const json::Value& object, std::string_view key,
                                             std::string_view value_json);
// `{"key": value}` laid out like `model` (an object written nearby): one line when it is
// on one line, else with its inner indentation.
[[nodiscard]] std::string object_like(std::string_view text, const json::Value& model, std::string_view key,
                                      std::string_view value_json);

} // namespace policylint::fix
