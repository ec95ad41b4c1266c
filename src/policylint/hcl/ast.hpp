#pragma once
// The syntax tree of an HCL2 native-syntax file (Terraform's .tf), with a byte range on every
// node. Expressions are kept as written: nothing is evaluated here. The Terraform front end
// (frontend/terraform_hcl.cpp) decides what each expression stands for.
#include <policylint/core/source_range.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace policylint::hcl {

enum class ExprKind {
  null_literal,
  boolean,     // text: true | false
  number,      // text: the raw token
  template_,   // a quoted string or heredoc: `parts`
  tuple,       // [a, b]: `items`
  object,      // {k = v}: `members`
  call,        // text: function name; `items`: arguments
  variable,    // text: the root name of a traversal (var, local, aws_iam_role, each…)
  get_attr,    // items[0].text
  index,       // items[0][items[1]]
  splat,       // items[0].* or items[0][*]
  conditional, // items[0] ? items[1] : items[2]
  for_expr,    // [for …] or {for …}: items hold the collection and result expressions
  operation,   // text: the operator; items: one or two operands
};

struct Expr;

// A piece of a template: literal text (escapes decoded, `map[i]` the file offset of decoded
// byte i, plus one entry past the end), an interpolation `${…}`, or a `%{…}` directive.
struct TemplatePart {
  enum class Kind { literal, interpolation, directive } kind = Kind::literal;
  SourceRange range;
  std::string text;                // literal: decoded text; directive: its keyword
  std::vector<std::uint32_t> map;  // literal only
  std::vector<Expr> expr;          // interpolation: exactly one
};

struct ObjectMember {
  std::vector<Expr> key; // exactly one: a bare identifier is a variable expression
  std::vector<Expr> value; // exactly one
};

struct Expr {
  ExprKind kind = ExprKind::null_literal;
  SourceRange range;
  std::string text;
  bool heredoc = false;
  std::vector<TemplatePart> parts;
  std::vector<Expr> items;
  std::vector<ObjectMember> members;

  // The literal text of a template without interpolations or directives.
  [[nodiscard]] bool is_literal_string() const;
  [[nodiscard]] std::string literal_string() const;
};

struct Attribute {
  std::string name;
  SourceRange name_range;
  Expr value;
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  [[nodiscard]] const Attribute* attribute(std::string_view name) const;
};

struct Label {
  std::string text;
  SourceRange range;
};

struct Block {
  std::string type;
  SourceRange type_range;
  std::vector<Label> labels;
  SourceRange range; // from the type to the closing brace
  Body body;
};

inline bool Expr::is_literal_string() const {
  if (kind != ExprKind::template_) {
    return false;
  }
  for (const auto& p : parts) {
    if (p.kind != TemplatePart::Kind::literal) {
      return false;
    }
  }
  return true;
}

inline std::string Expr::literal_string() const {
  std::string out;
  for (const auto& p : parts) {
    out += p.text;
  }
  return out;
}

inline const Attribute* Body::attribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) {
      return &a;
    }
  }
  return nullptr;
}

} // namespace policylint::hcl
