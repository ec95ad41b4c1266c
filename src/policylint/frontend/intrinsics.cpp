#include <policylint/frontend/intrinsics.hpp>

#include <fmt/format.h>

namespace policylint::frontend {

namespace {

bool is_no_value(const json::Value& v) {
  return is_intrinsic(v) && v.members[0].key == "Ref" && v.members[0].value.is_string() &&
         v.members[0].value.text == "AWS::NoValue";
}

std::string resolve_ref(std::string_view name, const TemplateSymbols& symbols) {
  if (name == "AWS::Partition") {
    return "aws";
  }
  if (name == "AWS::URLSuffix") {
    return "amazonaws.com";
  }
  if (name == "AWS::AccountId") {
    return std::string(k_template_account);
  }
  if (auto it = symbols.parameter_defaults.find(name); it != symbols.parameter_defaults.end()) {
    return it->second;
  }
  if (auto it = symbols.refs.find(name); it != symbols.refs.end()) {
    return it->second;
  }
  return "*";
}

std::string resolve_getatt(std::string_view resource, std::string_view attribute, const TemplateSymbols& symbols) {
  const auto other = symbols.arn_attributes.find(resource);
  if (attribute == "Arn" || (other != symbols.arn_attributes.end() && other->second == attribute)) {
    if (auto it = symbols.arns.find(resource); it != symbols.arns.end()) {
      return it->second;
    }
    return "arn:*:*:*:*:*"; // still an ARN, so that "${X.Arn}/*" stays a valid resource pattern
  }
  return "*";
}

std::string resolve_getatt_dotted(std::string_view dotted, const TemplateSymbols& symbols) {
  const auto dot = dotted.find('.');
  if (dot == std::string_view::npos) {
    return "*";
  }
  return resolve_getatt(dotted.substr(0, dot), dotted.substr(dot + 1), symbols);
}

std::string substitute(std::string_view text, const std::map<std::string, std::string, std::less<>>& vars,
                       const TemplateSymbols& symbols) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const auto close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 2, close - i - 2);
        if (name.starts_with('!')) {
          out += "${";
          out += name.substr(1);
          out += '}';
        } else if (auto it = vars.find(name); it != vars.end()) {
          out += it->second;
        } else if (name.find('.') != std::string_view::npos && !name.starts_with("AWS::")) {
          out += resolve_getatt_dotted(name, symbols);
        } else {
          out += resolve_ref(name, symbols);
        }
        i = close + 1;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

class Resolver {
public:
  Resolver(const TemplateSymbols& symbols, std::vector<Note>& notes, const std::vector<std::string>& suppressed)
      : m_symbols(symbols), m_notes(notes), m_suppressed(suppressed) {}

  void resolve(json::Value& v) {
    if (is_intrinsic(v)) {
      if (v.members[0].key == "Fn::If") {
        choose_branch(v);
        resolve(v);
        return;
      }
      const SourceRange range = v.range;
      auto s = to_string(v);
      if (!s) {
        unresolved(v, "is not a string this linter can compute");
        s = "*";
      }
      v = json::Value{};
      v.kind = json::Kind::string;
      v.range = range;
      v.text = std::move(*s);
      return;
    }
    if (v.is_array()) {
      std::vector<json::Value> items;
      items.reserve(v.items.size());
      for (auto& item : v.items) {
        if (is_no_value(item)) {
          continue;
        }
        if (is_intrinsic(item) && item.members[0].key == "Fn::If" && item.members[0].value.is_array() &&
            item.members[0].value.items.size() == 3) {
          for (std::size_t b = 1; b < 3; ++b) {
            json::Value& branch = item.members[0].value.items[b];
            if (!is_no_value(branch)) {
              resolve(branch);
              items.push_back(std::move(branch));
            }
          }
          continue;
        }
        resolve(item);
        items.push_back(std::move(item));
      }
      v.items = std::move(items);
      return;
    }
    if (v.is_object()) {
      std::erase_if(v.members, [](const json::Member& m) { return is_no_value(m.value); });
      for (auto& m : v.members) {
        resolve(m.value);
      }
    }
  }

  std::optional<std::string> to_string(const json::Value& v) {
    if (v.kind == json::Kind::string || v.kind == json::Kind::number || v.kind == json::Kind::boolean) {
      return v.text;
    }
    if (!is_intrinsic(v)) {
      return std::nullopt;
    }
    const std::string& fn = v.members[0].key;
    const json::Value& arg = v.members[0].value;
    if (fn == "Ref" && arg.is_string()) {
      return resolve_ref(arg.text, m_symbols);
    }
    if (fn == "Fn::GetAtt") {
      if (arg.is_string()) {
        return resolve_getatt_dotted(arg.text, m_symbols);
      }
      if (arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() && arg.items[1].is_string()) {
        return resolve_getatt(arg.items[0].text, arg.items[1].text, m_symbols);
      }
      return "*";
    }
    if (fn == "Fn::Sub") {
      if (arg.is_string()) {
        return substitute(arg.text, {}, m_symbols);
      }
      if (arg.is_array() && !arg.items.empty() && arg.items[0].is_string()) {
        std::map<std::string, std::string, std::less<>> vars;
        if (arg.items.size() > 1 && arg.items[1].is_object()) {
          for (const auto& m : arg.items[1].members) {
            auto s = to_string(m.value);
            vars[m.key] = s ? *s : "*";
          }
        }
        return substitute(arg.items[0].text, vars, m_symbols);
      }
      return std::nullopt;
    }
    if (fn == "Fn::Join" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string()) {
      if (!arg.items[1].is_array()) {
        unresolved(arg.items[1], "(the list to join) is not a literal list");
        return "*";
      }
      std::string out;
      bool first = true;
      for (const auto& part : arg.items[1].items) {
        if (is_no_value(part)) {
          continue;
        }
        if (!first) {
          out += arg.items[0].text;
        }
        first = false;
        auto s = to_string(part);
        if (!s) {
          unresolved(part, "is not a string this linter can compute");
          s = "*";
        }
        out += *s;
      }
      return out;
    }
    if (fn == "Fn::If" && arg.is_array() && arg.items.size() == 3) {
      json::Value copy = v;
      choose_branch(copy);
      return to_string(copy);
    }
    return std::nullopt;
  }

private:
  const TemplateSymbols& m_symbols;
  std::vector<Note>& m_notes;
  const std::vector<std::string>& m_suppressed;

  void unresolved(const json::Value& v, std::string_view why) {
    const std::string fn = is_intrinsic(v) ? v.members[0].key : std::string(json::kind_name(v.kind));
    m_notes.push_back({"unresolved-intrinsic", v.range,
                       fmt::format("{} {}: linted as \"*\" (any value)", fn, why), m_suppressed});
  }

  // Replaces an Fn::If by one of its branches, saying which.
  void choose_branch(json::Value& v) {
    const json::Value& arg = v.members[0].value;
    if (!arg.is_array() || arg.items.size() != 3) {
      unresolved(v, "has not the form [condition, value if true, value if false]");
      const SourceRange range = v.range;
      v = json::Value{};
      v.kind = json::Kind::string;
      v.text = "*";
      v.range = range;
      return;
    }
    const std::string condition = arg.items[0].is_string() ? arg.items[0].text : "?";
    const bool use_false = is_no_value(arg.items[1]);
    m_notes.push_back({"unresolved-intrinsic", v.range,
                       fmt::format("Fn::If: condition {} cannot be decided before deployment; linted with the value "
                                   "for {}",
                                   condition, use_false ? "false" : "true"),
                       m_suppressed});
    json::Value chosen = arg.items[use_false ? 2 : 1];
    v = std::move(chosen);
  }
};

} // namespace

bool is_intrinsic(const json::Value& value) {
  if (!value.is_object() || value.members.size() != 1) {
    return false;
  }
  const std::string& key = value.members[0].key;
  return key == "Ref" || key.starts_with("Fn::");
}

void resolve_intrinsics(json::Value& value, const TemplateSymbols& symbols, std::vector<Note>& notes,
                        const std::vector<std::string>& suppressed) {
  Resolver(symbols, notes, suppressed).resolve(value);
}

std::optional<std::string> resolve_string(const json::Value& value, const TemplateSymbols& symbols) {
  std::vector<Note> ignored;
  const std::vector<std::string> none;
  return Resolver(symbols, ignored, none).to_string(value);
}

bool contains_intrinsic(const json::Value& value) {
  if (is_intrinsic(value)) {
    return true;
  }
  for (const auto& m : value.members) {
    if (contains_intrinsic(m.value)) {
      return true;
    }
  }
  for (const auto& e : value.items) {
    if (contains_intrinsic(e)) {
      return true;
    }
  }
  return false;
}

} // namespace policylint::frontend
