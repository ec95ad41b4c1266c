#include <policylint/frontend/iam_content.hpp>

#include <policylint/core/edit_distance.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace policylint::frontend {

namespace {

enum class Element { none, version, statement, effect, action, principal, resource, condition };

struct Name {
  std::string_view name;
  Element element;
  std::size_t tolerance; // edits accepted (letters compare without case)
};

// Long names take two edits ("Statment", "statements", "Principle"), short ones one, so that
// "section" or "source" are not taken for "Action" or "Resource".
constexpr std::array<Name, 10> k_names = {{
    {"Statement", Element::statement, 2},
    {"Version", Element::version, 1},
    {"Effect", Element::effect, 1},
    {"Action", Element::action, 1},
    {"NotAction", Element::action, 2},
    {"Principal", Element::principal, 2},
    {"NotPrincipal", Element::principal, 2},
    {"Resource", Element::resource, 1},
    {"NotResource", Element::resource, 2},
    {"Condition", Element::condition, 2},
}};

Element element_of(std::string_view key) {
  if (key.size() > 16) {
    return Element::none;
  }
  for (const Name& n : k_names) {
    if (core::edit_distance(key, n.name, n.tolerance) <= n.tolerance) {
      return n.element;
    }
  }
  return Element::none;
}

bool is_policy_version(std::string_view v) { // "2012-10-17", and misdated ones
  return v.size() == 10 && v[4] == '-' && v[7] == '-' &&
         std::all_of(v.begin(), v.end(), [](char c) { return c == '-' || std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool is_effect_value(std::string_view v) {
  std::string lower(v);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "allow" || lower == "deny";
}

// The statement elements seen at one level: a policy when Effect says Allow or Deny, or two
// elements of a statement are there and one of them is Effect or Action.
struct StatementElements {
  bool effect = false;
  bool effect_value = false;
  bool action = false;
  int others = 0;

  void add(Element e) {
    switch (e) {
    case Element::effect: effect = true; break;
    case Element::action: action = true; break;
    case Element::principal:
    case Element::resource:
    case Element::condition: ++others; break;
    default: break;
    }
  }
  [[nodiscard]] bool policy() const {
    const int count = (effect ? 1 : 0) + (action ? 1 : 0) + others;
    return effect_value || ((effect || action) && count >= 2);
  }
};

bool object_looks_like_policy(const json::Value& object) {
  StatementElements statement;
  for (const auto& m : object.members) {
    if (m.key == "Statement") {
      return true;
    }
    const Element e = element_of(m.key);
    if (e == Element::statement && (m.value.is_array() || m.value.is_object())) {
      return true;
    }
    if (e == Element::version && m.value.is_string() && is_policy_version(m.value.text)) {
      return true;
    }
    if (e == Element::effect && m.value.is_string() && is_effect_value(m.value.text)) {
      statement.effect_value = true;
    }
    statement.add(e);
  }
  return statement.policy();
}

constexpr std::array<std::string_view, 11> k_front_end_keys = {
    "AWSTemplateFormatVersion", "PolicyDocument",   "AssumeRolePolicyDocument", "PolicyVersion",
    "PolicyVersionList",        "UserDetailList",   "RoleDetailList",           "GroupDetailList",
    "planned_values",           "resource_changes", "KeyPolicy"};

// The string value after a key's colon, if it is one ("2012-10-17" after "Version":).
std::string_view string_after(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
    ++at;
  }
  if (at >= text.size() || text[at] != '"') {
    return {};
  }
  const std::size_t end = text.find('"', at + 1);
  return end == std::string_view::npos || end - at > 32 ? std::string_view() : text.substr(at + 1, end - at - 1);
}

} // namespace

bool looks_like_policy(const json::Value& root) {
  if (root.is_object()) {
    return object_looks_like_policy(root);
  }
  if (root.is_array()) { // a list of statements or policies: read, so that its shape is reported
    const std::size_t n = std::min<std::size_t>(root.items.size(), 64);
    return std::any_of(root.items.begin(), root.items.begin() + static_cast<std::ptrdiff_t>(n),
                       [](const json::Value& v) { return v.is_object() && object_looks_like_policy(v); });
  }
  return false;
}

bool text_names_iam_content(std::string_view raw) {
  // UTF-16 text is ASCII with NUL bytes between: without them its keys read as they are.
  std::string text;
  text.reserve(raw.size());
  for (const char c : raw) {
    if (c != '\0') {
      text += c;
    }
  }
  if (text.find_first_not_of(" \t\r\n\xEF\xBB\xBF\xFE\xFF") == std::string::npos) {
    return true; // empty or blank (a BOM at most)
  }
  StatementElements statement;
  // A policy written as YAML ("Version: 2012-10-17" at the start of a line) is IAM content too:
  // reading it as a policy says that IAM takes JSON.
  for (std::size_t line = 0; line < text.size();) {
    std::size_t at = text.find_first_not_of(" \t-", line);
    std::size_t end = at;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) != 0) {
      ++end;
    }
    if (at != std::string::npos && end > at && end < text.size() && text[end] == ':') {
      const std::string_view key = std::string_view(text).substr(at, end - at);
      if (key == "Statement" || key == "Version") { // as IAM spells them: "version:" is docker-compose's
        return true;
      }
    }
    const std::size_t next = text.find('\n', line);
    line = next == std::string::npos ? text.size() : next + 1;
  }
  // Every quoted string followed by a colon is a key.
  const auto closing_quote = [&](std::size_t open) {
    std::size_t at = open + 1;
    while (at < text.size() && text[at] != '"') {
      at += text[at] == '\\' ? 2U : 1U;
    }
    return at < text.size() ? at : std::string::npos;
  };
  for (std::size_t open = text.find('"'); open != std::string::npos;) {
    const std::size_t close = closing_quote(open);
    if (close == std::string::npos) {
      break;
    }
    const std::string_view key = std::string_view(text).substr(open + 1, close - open - 1);
    std::size_t after = close + 1;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\r' || text[after] == '\n')) {
      ++after;
    }
    if (after < text.size() && text[after] == ':' && key.size() <= 32) {
      if (std::find(k_front_end_keys.begin(), k_front_end_keys.end(), key) != k_front_end_keys.end()) {
        return true;
      }
      const Element e = element_of(key);
      const std::string_view value = string_after(text, after + 1);
      // A cut-off "Version": (no value left to read) counts too: truncated policies are reported.
      if (e == Element::statement ||
          (e == Element::version && (is_policy_version(value) || (key == "Version" && value.empty())))) {
        return true;
      }
      if (e == Element::effect && is_effect_value(value)) {
        statement.effect_value = true;
      }
      statement.add(e);
      if (statement.policy()) {
        return true;
      }
      open = text.find('"', after);
    } else {
      open = text.find('"', close + 1);
    }
  }
  return false;
}

} // namespace policylint::frontend
