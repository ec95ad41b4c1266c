#include <policylint/engine/fixer.hpp>

#include <policylint/engine/rule.hpp>

namespace policylint::engine {

FixFn fixer_for(std::string_view rule_code) {
  for (const FixerEntry& e : fixers()) {
    if (rule_code == e.code) {
      return e.fixer;
    }
  }
  return nullptr;
}

void attach_fixes(const PolicyUnit& unit, const json::Value& tree, std::vector<Diagnostic>& found) {
  if (unit.file == nullptr) {
    return;
  }
  for (Diagnostic& d : found) {
    const FixFn fixer = d.rule != nullptr ? fixer_for(d.rule->code) : nullptr;
    if (fixer == nullptr) {
      continue;
    }
    d.fixes = fixer(FixInput{unit, tree, unit.file->text()}, d);
    for (Fix& f : d.fixes) {
      for (TextEdit& e : f.edits) {
        e.location = unit.file->locate(e.range);
      }
    }
  }
}

} // namespace policylint::engine
