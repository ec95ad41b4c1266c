#include <policylint/engine/json_pointer.hpp>

#include <algorithm>

namespace policylint::engine {

namespace {

bool contains(SourceRange range, std::uint32_t offset) { return range.begin <= offset && offset < range.end; }

} // namespace

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string pointer_to_range(const json::Value& root, SourceRange range) {
  std::string pointer;
  const json::Value* node = &root;
  const std::uint32_t offset = range.begin;
  while (node->range != range) {
    const json::Value* next = nullptr;
    if (node->is_object()) {
      const auto& ms = node->members;
      const auto it = std::partition_point(ms.begin(), ms.end(),
                                           [&](const json::Member& m) { return m.value.range.begin <= offset; });
      if (it != ms.begin() && contains(std::prev(it)->value.range, offset)) {
        pointer += "/" + escape_pointer_token(std::prev(it)->key);
        next = &std::prev(it)->value;
      }
    } else if (node->is_array()) {
      const auto& items = node->items;
      const auto it = std::partition_point(items.begin(), items.end(),
                                           [&](const json::Value& v) { return v.range.begin <= offset; });
      if (it != items.begin() && contains(std::prev(it)->range, offset)) {
        pointer += "/" + std::to_string(static_cast<std::size_t>(std::prev(it) - items.begin()));
        next = &*std::prev(it);
      }
    }
    if (next == nullptr) {
      break;
    }
    node = next;
  }
  return pointer;
}

std::string pointer_at(const json::Value& root, std::uint32_t offset) {
  std::string pointer;
  const json::Value* node = &root;
  // Children are in source order, so the candidate is the last child starting at or before
  // the offset; descend while it contains the offset.
  for (;;) {
    if (node->is_object()) {
      const auto& ms = node->members;
      const auto it = std::partition_point(ms.begin(), ms.end(),
                                           [&](const json::Member& m) { return m.key_range.begin <= offset; });
      if (it == ms.begin()) {
        return pointer;
      }
      const json::Member& m = *std::prev(it);
      if (contains(m.key_range, offset)) {
        return pointer + "/" + escape_pointer_token(m.key);
      }
      if (!contains(m.value.range, offset)) {
        return pointer;
      }
      pointer += "/" + escape_pointer_token(m.key);
      node = &m.value;
    } else if (node->is_array()) {
      const auto& items = node->items;
      const auto it = std::partition_point(items.begin(), items.end(),
                                           [&](const json::Value& v) { return v.range.begin <= offset; });
      if (it == items.begin() || !contains(std::prev(it)->range, offset)) {
        return pointer;
      }
      pointer += "/" + std::to_string(static_cast<std::size_t>(std::prev(it) - items.begin()));
      node = &*std::prev(it);
    } else {
      return pointer;
    }
  }
}

std::string statement_sid_at(const json::Value& root, std::string_view pointer) {
  auto tokens = parse_pointer(pointer);
  if (!tokens || tokens->empty() || (*tokens)[0] != "Statement" || !root.is_object()) {
    return {};
  }
  const json::Value* statements = root.find("Statement");
  const json::Value* statement = nullptr;
  if (statements != nullptr && statements->is_object()) {
    statement = statements;
  } else if (statements != nullptr && statements->is_array() && tokens->size() >= 2) {
    const std::string& index = (*tokens)[1];
    const bool digits = !index.empty() && index.size() < 10 &&
                        std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits && std::stoul(index) < statements->items.size()) {
      statement = &statements->items[std::stoul(index)];
    }
  }
  if (statement == nullptr || !statement->is_object()) {
    return {};
  }
  const json::Value* sid = statement->find("Sid");
  return sid != nullptr && sid->is_string() ? sid->text : std::string{};
}

void annotate_pointers(const json::Value& root, std::vector<Diagnostic>& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    d.pointer = pointer_at(root, d.range.begin);
    d.sid = statement_sid_at(root, d.pointer);
  }
}

Result<std::vector<std::string>> parse_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) {
    return tokens;
  }
  if (pointer.front() != '/') {
    return fail(Error(ErrorCode::usage, "a JSON pointer starts with '/' (e.g. /Statement/0/Action)"));
  }
  std::string current;
  for (std::size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
        return fail(Error(ErrorCode::usage, "'~' in a JSON pointer must be followed by 0 or 1"));
      }
      current.push_back(pointer[i + 1] == '0' ? '~' : '/');
      ++i;
      continue;
    }
    current.push_back(pointer[i]);
  }
  return tokens;
}

bool pointer_within(std::string_view pointer, std::string_view prefix) {
  if (!pointer.starts_with(prefix)) {
    return false;
  }
  return pointer.size() == prefix.size() || prefix.empty() || pointer[prefix.size()] == '/';
}

} // namespace policylint::engine
