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

#include <doctest/doctest.h>

namespace policylint::testing {

// 1-based line and byte column of the first occurrence of `needle` (ASCII test policies).
inline Position position_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  Position p;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// The findings of one rule alone.
inline std::vector<engine::Diagnostic> lint_only(const std::string& text, const std::string& code) {
  auto ds = lint_text(text, {code});
  std::erase_if(ds, [&](const engine::Diagnostic& d) { return d.rule->code != code; });
  return ds;
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

} // namespace policylint::testing
