#pragma once
// Lints policy text in memory, as the CLI would lint a file of that content.
#include <policylint/engine/registry.hpp>
#include <policylint/engine/runner.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace policylint::testing {

inline std::vector<engine::Diagnostic> lint_text(std::string_view text, std::vector<std::string> select = {},
                                                 std::string name = "policy.json") {
  const SourceFile file(std::move(name), std::string(text));
  engine::LintOptions options;
  options.selection.select = std::move(select);
  return engine::lint_source(file, options);
}

inline std::vector<std::string> codes_of(const std::vector<engine::Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    out.push_back(d.rule->code);
  }
  return out;
}

inline bool has_code(const std::vector<engine::Diagnostic>& ds, std::string_view code) {
  for (const auto& d : ds) {
    if (d.rule->code == code) {
      return true;
    }
  }
  return false;
}

} // namespace policylint::testing
