#pragma once
#include <policylint/engine/rule_table.hpp>
#include <policylint/engine/severity.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace policylint::engine {

// A rule's metadata, read once from its embedded rule.json, plus its documentation.
struct RuleInfo {
  std::string code;      // PL101, stable forever
  std::string name;      // action-star-without-source-ip-deny
  std::string category;  // network
  Severity severity = Severity::medium;
  std::string summary;   // one sentence
  std::string precision; // very-high | high | medium | low
  bool security = false; // a security finding (SARIF security-severity) vs a validity one
  std::vector<std::string> tags;
  std::vector<std::string> references;
  std::string readme;    // the full README.md
  CheckFn check = nullptr;
  AccountCheckFn account_check = nullptr; // "impl": "account" rules

  // PascalCase of the slug, for SARIF rule.name.
  [[nodiscard]] std::string pascal_name() const;
  // The text under a "## Heading" of the README, without the heading.
  [[nodiscard]] std::string_view doc_section(std::string_view heading) const;
  // The first ```json block of a README section (its Example / Use instead policy).
  [[nodiscard]] std::string_view doc_example(std::string_view heading) const;
};

} // namespace policylint::engine
