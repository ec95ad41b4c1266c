#pragma once
// The fixer interface, beside the rule table: a rule whose rule.json says "fix": true has a
// fixer policylint::fix::fix_<slug> in rules/<category>/<slug>/fix.cpp, and the build maps rule
// codes to fixers (src/cmake/PolicylintFixes.cmake), so adding a fix edits no list. A fixer
// reads the finding and the document and returns the fixes that resolve exactly that finding,
// or none when the text is not in a shape it can edit safely. The editing tools fixers use
// live in fix/, above this layer.
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/json/value.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace policylint::engine {

struct FixInput {
  const PolicyUnit& unit;
  const json::Value& tree; // the document's syntax tree, for object layout and key tokens
  std::string_view text;   // the file's original bytes, which the tree's ranges index
};

using FixFn = std::vector<Fix> (*)(const FixInput& input, const Diagnostic& finding);

struct FixerEntry {
  const char* code;
  FixFn fixer;
};

// Every fixer, generated from rule.json (see src/cmake/PolicylintFixes.cmake).
[[nodiscard]] std::span<const FixerEntry> fixers();
[[nodiscard]] FixFn fixer_for(std::string_view rule_code);

// Computes the fixes of the findings in `found` (all from `unit`, whose document is `tree`) and
// resolves their edit positions. Only for documents whose tree is the file's own JSON text.
void attach_fixes(const PolicyUnit& unit, const json::Value& tree, std::vector<Diagnostic>& found);

} // namespace policylint::engine
