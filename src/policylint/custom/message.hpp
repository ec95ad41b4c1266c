#pragma once
// A check's message template: text with {placeholders} filled from the finding, {{ and }}
// for literal braces. Validated when the rule file is loaded, so rendering never fails.
#include <optional>
#include <string>
#include <string_view>

namespace policylint::custom {

struct MessageFields {
  std::string statement; // the statement label (Sid or #n)
  std::string action;    // the counterexample's action
  std::string resource;  // its resource
  std::string principal; // who: "an anonymous caller", an ARN, "the policy's holder"
  std::string when;      // the constraint met: "from 198.51.100.23, outside 203.0.113.0/24"
  std::string kind;      // identity | trust | resource
  std::string code;
  std::string name;
};

// The placeholders a template may use, for messages and docs.
inline constexpr std::string_view k_placeholders = "{statement} {action} {resource} {principal} {when} {kind} {code} {name}";

// Why the template is malformed (unknown placeholder, lone brace), or nullopt.
[[nodiscard]] std::optional<std::string> template_problem(std::string_view text);

// The message; an empty template gives the default one.
[[nodiscard]] std::string render_message(std::string_view text, const MessageFields& fields);

} // namespace policylint::custom
