#include <policylint/eval/variables.hpp>

#include <policylint/eval/keys.hpp>

#include <algorithm>

namespace policylint::eval {

namespace {

struct Output {
  std::string text;
  VariableMode mode;

  // Policy text as written: in glob mode its wildcards stay live, only `\` needs escaping.
  void raw(std::string_view s) {
    for (char c : s) {
      if (mode == VariableMode::glob && c == '\\') {
        text += '\\';
      }
      text += c;
    }
  }

  // Text that must match itself only: substituted values, defaults, ${*} and friends.
  void literal(std::string_view s) {
    for (char c : s) {
      if (mode == VariableMode::glob && (c == '\\' || c == '*' || c == '?')) {
        text += '\\';
      }
      text += c;
    }
  }
};

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
  return s;
}

struct Variable {
  std::string_view key;
  std::optional<std::string_view> default_value;
  std::size_t end = 0; // one past the closing brace
};

// Parses the variable starting at text[pos] == '$', text[pos+1] == '{'.
std::optional<Variable> parse_variable(std::string_view text, std::size_t pos) {
  std::size_t i = pos + 2;
  while (i < text.size() && text[i] != '}' && text[i] != ',') {
    ++i;
  }
  if (i >= text.size()) {
    return std::nullopt;
  }
  Variable var;
  var.key = trim_spaces(text.substr(pos + 2, i - pos - 2));
  if (var.key.empty()) {
    return std::nullopt;
  }
  if (text[i] == ',') {
    ++i;
    while (i < text.size() && text[i] == ' ') {
      ++i;
    }
    if (i >= text.size() || text[i] != '\'') {
      return std::nullopt;
    }
    const auto close = text.find('\'', i + 1);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    var.default_value = text.substr(i + 1, close - i - 1);
    i = close + 1;
    while (i < text.size() && text[i] == ' ') {
      ++i;
    }
    if (i >= text.size() || text[i] != '}') {
      return std::nullopt;
    }
  }
  var.end = i + 1;
  return var;
}

// The single value a key resolves to, or nullopt (absent, multi-valued, empty set…).
std::optional<std::string_view> single_value(std::string_view key, const Request& request) {
  if (is_multivalued_key(key)) {
    return std::nullopt;
  }
  const auto* values = request.context_values(std::string(key));
  if (values == nullptr || values->size() != 1) {
    return std::nullopt;
  }
  return std::string_view((*values)[0]);
}

} // namespace

bool has_variable(std::string_view text) { return text.find("${") != std::string_view::npos; }

std::optional<std::string> substitute_variables(std::string_view text, const Request& request, VariableMode mode,
                                                std::size_t from) {
  Output out{{}, mode};
  out.text.reserve(text.size() + 16);
  from = std::min(from, text.size());
  out.raw(text.substr(0, from));
  std::size_t pos = from;
  while (pos < text.size()) {
    const auto start = text.find("${", pos);
    if (start == std::string_view::npos) {
      out.raw(text.substr(pos));
      break;
    }
    out.raw(text.substr(pos, start - pos));
    const auto var = parse_variable(text, start);
    if (!var) {
      out.raw("$");
      pos = start + 1;
      continue;
    }
    pos = var->end;
    if (!var->default_value && (var->key == "*" || var->key == "?" || var->key == "$")) {
      out.literal(var->key);
      continue;
    }
    if (const auto value = single_value(var->key, request)) {
      out.literal(*value);
    } else if (var->default_value) {
      out.literal(*var->default_value);
    } else {
      return std::nullopt;
    }
  }
  return std::move(out.text);
}

} // namespace policylint::eval
