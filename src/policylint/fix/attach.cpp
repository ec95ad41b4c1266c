#include <policylint/fix/fixer.hpp>

#include <policylint/engine/rule.hpp>
#include <policylint/json/parser.hpp>

#include <optional>

namespace policylint::fix {

FixFn fixer_for(std::string_view rule_code) {
  for (const FixerEntry& e : fixers()) {
    if (rule_code == e.code) {
      return e.fixer;
    }
  }
  return nullptr;
}

void attach_fixes(const engine::PolicyUnit& unit, std::vector<engine::Diagnostic>& found) {
  std::optional<json::Value> tree;
  for (engine::Diagnostic& d : found) {
    const FixFn fixer = d.rule != nullptr ? fixer_for(d.rule->code) : nullptr;
    if (fixer == nullptr || unit.file == nullptr) {
      continue;
    }
    if (!tree) {
      auto parsed = json::parse(*unit.file);
      if (!parsed) {
        return; // a document that does not parse has no fixable findings
      }
      tree = std::move(*parsed);
    }
    d.fixes = fixer(FixInput{unit, *tree, unit.file->text()}, d);
    for (engine::Fix& f : d.fixes) {
      for (engine::TextEdit& e : f.edits) {
        e.location = unit.file->locate(e.range);
      }
    }
  }
}

} // namespace policylint::fix
