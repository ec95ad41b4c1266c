#pragma once
// The fixer interface. A rule whose rule.json says "fix": true has a fixer
// policylint::fix::fix_<slug> in src/policylint/fix/<slug>.cpp; the build maps rule codes to
// fixers (src/cmake/PolicylintFixes.cmake), so adding a fix edits no list and rule files stay
// about decisions. A fixer reads the finding and the document and returns the fixes that
// resolve exactly that finding — or none when the text is not in a shape it can edit safely.
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/json/value.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace policylint::fix {

struct FixInput {
  const engine::PolicyUnit& unit;
  const json::Value& tree;  // the document's syntax tree, for object layout and key tokens
  std::string_view text;    // the original bytes
};

using FixFn = std::vector<engine::Fix> (*)(const FixInput& input, const engine::Diagnostic& finding);

struct FixerEntry {
  const char* code;
  FixFn fixer;
};

// Every fixer, generated from rule.json (see src/cmake/PolicylintFixes.cmake).
[[nodiscard]] std::span<const FixerEntry> fixers();
[[nodiscard]] FixFn fixer_for(std::string_view rule_code);

// Computes the fixes of the findings in `found` (all from `unit`) and resolves their edit
// positions. Parses the document once, only when a finding has a fixer.
void attach_fixes(const engine::PolicyUnit& unit, std::vector<engine::Diagnostic>& found);

} // namespace policylint::fix
