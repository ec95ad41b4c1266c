#pragma once
// What a Terraform expression stands for before any plan, as a JSON tree with ranges on the
// HCL tokens. Nothing is executed: literals are kept, `var.x` uses its default, literal
// `local`s are evaluated, IAM users, roles, groups and policies of the module give their
// names and ARNs, and every other value becomes the pattern that matches what it could be
// ("*", or "arn:*:*:*:*:*" for an ARN), as CloudFormation intrinsics do (intrinsics.hpp).
// Functions, conditionals and for expressions that change the answer get a PL020 note.
#include <policylint/frontend/extraction.hpp>
#include <policylint/hcl/ast.hpp>
#include <policylint/json/value.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace policylint::frontend {

// The names in a traversal, indexes skipped: `aws_iam_role.admin[0].arn` → aws_iam_role, admin, arn.
[[nodiscard]] std::vector<std::string> traversal_names(const hcl::Expr& e);

struct ModuleSymbols {
  std::map<std::string, const hcl::Expr*, std::less<>> variable_defaults;
  std::map<std::string, const hcl::Expr*, std::less<>> locals;
  std::map<std::string, std::string, std::less<>> names; // "aws_iam_role.admin" → its name
  std::map<std::string, std::string, std::less<>> arns;  // "aws_iam_role.admin" → its ARN
};

class HclValues {
public:
  HclValues(const ModuleSymbols& symbols, std::vector<Note>& notes) : m_symbols(symbols), m_notes(notes) {}

  // The JSON value an expression stands for (jsonencode's argument, a document attribute).
  [[nodiscard]] json::Value to_json(const hcl::Expr& e);
  // The string an expression stands for, unknown parts as "*".
  [[nodiscard]] std::string to_string(const hcl::Expr& e);
  // Follows var.x (with a default) and local.y to the expression they name, or nullptr.
  [[nodiscard]] const hcl::Expr* dereference(const hcl::Expr& e) const;

private:
  const ModuleSymbols& m_symbols;
  std::vector<Note>& m_notes;
  int m_depth = 0; // locals referring to locals: bounded

  void note(SourceRange range, std::string message);
  [[nodiscard]] json::Value string_value(std::string text, SourceRange range) const;
  [[nodiscard]] std::optional<std::string> reference_string(const hcl::Expr& e);
};

// Every range in the tree set to `range` (a value copied from a variable default is reported
// where it is used).
void set_ranges(json::Value& value, SourceRange range);

} // namespace policylint::frontend
