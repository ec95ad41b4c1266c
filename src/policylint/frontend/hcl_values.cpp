#include <policylint/frontend/hcl_values.hpp>
#include <policylint/frontend/intrinsics.hpp>

#include <fmt/format.h>

namespace policylint::frontend {

namespace {

constexpr int k_max_indirection = 16; // local → local → … chains longer than this are unknown
constexpr std::string_view k_any_arn = "arn:*:*:*:*:*";

using hcl::ExprKind;

} // namespace

std::vector<std::string> traversal_names(const hcl::Expr& e) {
  switch (e.kind) {
  case ExprKind::variable: return {e.text};
  case ExprKind::get_attr: {
    auto names = traversal_names(e.items.front());
    if (!names.empty()) {
      names.push_back(e.text);
    }
    return names;
  }
  case ExprKind::index:
  case ExprKind::splat: return traversal_names(e.items.front());
  default: return {};
  }
}

void set_ranges(json::Value& value, SourceRange range) {
  value.range = range;
  for (auto& item : value.items) {
    set_ranges(item, range);
  }
  for (auto& m : value.members) {
    m.key_range = range;
    set_ranges(m.value, range);
  }
}

void HclValues::note(SourceRange range, std::string message) {
  m_notes.push_back({"unresolved-intrinsic", range, std::move(message), {}});
}

json::Value HclValues::string_value(std::string text, SourceRange range) const {
  json::Value v;
  v.kind = json::Kind::string;
  v.text = std::move(text);
  v.range = range;
  return v;
}

const hcl::Expr* HclValues::dereference(const hcl::Expr& e) const {
  const auto names = traversal_names(e);
  if (names.size() != 2 || e.kind != ExprKind::get_attr) {
    return nullptr;
  }
  if (names[0] == "var") {
    auto it = m_symbols.variable_defaults.find(names[1]);
    return it != m_symbols.variable_defaults.end() ? it->second : nullptr;
  }
  if (names[0] == "local") {
    auto it = m_symbols.locals.find(names[1]);
    return it != m_symbols.locals.end() ? it->second : nullptr;
  }
  return nullptr;
}

// Names and ARNs of the module's IAM objects; a pattern for other resources' attributes.
std::optional<std::string> HclValues::reference_string(const hcl::Expr& e) {
  const auto names = traversal_names(e);
  if (names.size() < 2) {
    return std::nullopt;
  }
  if (names[0] == "data" || names[0] == "var" || names[0] == "local" || names[0] == "each" ||
      names[0] == "count" || names[0] == "module" || names[0] == "path" || names[0] == "terraform") {
    return std::nullopt;
  }
  const std::string address = names[0] + "." + names[1];
  const std::string attribute = names.size() > 2 ? names[2] : "";
  if (attribute == "arn") {
    auto it = m_symbols.arns.find(address);
    return it != m_symbols.arns.end() ? it->second : std::string(k_any_arn);
  }
  if (attribute == "name" || attribute == "id") {
    if (auto it = m_symbols.names.find(address); it != m_symbols.names.end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

std::string HclValues::to_string(const hcl::Expr& e) {
  if (m_depth > k_max_indirection) {
    return "*";
  }
  switch (e.kind) {
  case ExprKind::template_: {
    std::string out;
    for (const auto& p : e.parts) {
      if (p.kind == hcl::TemplatePart::Kind::literal) {
        out += p.text;
      } else if (p.kind == hcl::TemplatePart::Kind::interpolation) {
        out += to_string(p.expr.front());
      } else {
        note(p.range, "a %{} template directive is not evaluated before plan: the string is read as *");
        return "*";
      }
    }
    return out;
  }
  case ExprKind::number:
  case ExprKind::boolean: return e.text;
  case ExprKind::null_literal: return "";
  case ExprKind::variable:
  case ExprKind::get_attr:
  case ExprKind::index:
  case ExprKind::splat: {
    if (const hcl::Expr* target = dereference(e)) {
      ++m_depth;
      std::string out = to_string(*target);
      --m_depth;
      return out;
    }
    const auto names = traversal_names(e);
    // The module's own account and partition, as a template's AWS::AccountId and AWS::Partition.
    if (names.size() == 4 && names[0] == "data" && names[1] == "aws_partition" && names[3] == "partition") {
      return "aws";
    }
    if (names.size() == 4 && names[0] == "data" && names[1] == "aws_caller_identity" && names[3] == "account_id") {
      return std::string(k_template_account);
    }
    return reference_string(e).value_or("*");
  }
  case ExprKind::call:
    if ((e.text == "format" || e.text == "join") && !e.items.empty()) {
      break; // strings built from parts: the pattern below
    }
    note(e.range, fmt::format("{}() is not evaluated before plan: read as *", e.text));
    return "*";
  default: break;
  }
  return "*";
}

json::Value HclValues::to_json(const hcl::Expr& e) {
  json::Value v;
  v.range = e.range;
  if (m_depth > k_max_indirection) {
    return string_value("*", e.range);
  }
  switch (e.kind) {
  case ExprKind::null_literal: return v;
  case ExprKind::boolean:
    v.kind = json::Kind::boolean;
    v.text = e.text;
    return v;
  case ExprKind::number:
    v.kind = json::Kind::number;
    v.text = e.text;
    return v;
  case ExprKind::template_: return string_value(to_string(e), e.range);
  case ExprKind::tuple:
    v.kind = json::Kind::array;
    for (const auto& item : e.items) {
      v.items.push_back(to_json(item));
    }
    return v;
  case ExprKind::object:
    v.kind = json::Kind::object;
    for (const auto& m : e.members) {
      const hcl::Expr& key = m.key.front();
      json::Member member;
      // A bare name is the key itself; anything else is an expression giving the key.
      member.key = key.kind == ExprKind::variable ? key.text : to_string(key);
      member.key_range = key.range;
      member.value = to_json(m.value.front());
      v.members.push_back(std::move(member));
    }
    return v;
  case ExprKind::variable:
  case ExprKind::get_attr:
  case ExprKind::index:
  case ExprKind::splat:
    if (const hcl::Expr* target = dereference(e)) {
      ++m_depth;
      json::Value out = to_json(*target);
      --m_depth;
      set_ranges(out, e.range); // reported where the policy uses it
      return out;
    }
    return string_value(to_string(e), e.range);
  case ExprKind::call:
    if ((e.text == "concat" || e.text == "distinct" || e.text == "compact" || e.text == "flatten") &&
        !e.items.empty()) {
      v.kind = json::Kind::array;
      for (const auto& arg : e.items) {
        json::Value part = to_json(arg);
        if (part.is_array()) {
          for (auto& item : part.items) {
            v.items.push_back(std::move(item));
          }
        } else {
          v.items.push_back(std::move(part));
        }
      }
      return v;
    }
    if ((e.text == "tolist" || e.text == "toset") && e.items.size() == 1) {
      return to_json(e.items.front());
    }
    return string_value(to_string(e), e.range);
  case ExprKind::conditional: {
    note(e.range, "a conditional is not evaluated before plan: its first branch is linted");
    json::Value out = to_json(e.items[1]);
    return out;
  }
  case ExprKind::for_expr:
    note(e.range, "a for expression is not evaluated before plan: read as *");
    return string_value("*", e.range);
  case ExprKind::operation: return string_value("*", e.range);
  }
  return v;
}

} // namespace policylint::frontend
