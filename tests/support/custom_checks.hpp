#pragma once
// Custom checks in memory: load a check file's text and lint policy text with its checks
// alone, as `policylint check --rules DIR --select custom` would.
#include <policylint/catalog/catalog.hpp>
#include <policylint/custom/rule_set.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::testing {

inline custom::LoadResult load_checks_text(std::string_view text, std::string name = "checks.json") {
  std::vector<SourceFile> files;
  files.emplace_back(std::move(name), std::string(text));
  return custom::load_check_files(files, catalog::embedded_catalog());
}

// A valid check file holding one check whose "forbid" (and optional "applies_to") is given.
inline std::string one_check(std::string_view forbid, std::string_view applies_to = {}, std::string_view extra = {}) {
  std::string out = R"({"checks": [{"code": "ORG1", "name": "org-check", "severity": "high", "summary": "Test check.")";
  if (!applies_to.empty()) {
    out += R"(, "applies_to": )" + std::string(applies_to);
  }
  if (!extra.empty()) {
    out += ", " + std::string(extra);
  }
  out += R"(, "forbid": )" + std::string(forbid) + "}]}";
  return out;
}

inline custom::CustomRuleSet checks_or_fail(std::string_view text) {
  auto loaded = load_checks_text(text);
  for (const auto& p : loaded.problems) {
    FAIL_CHECK(p);
  }
  REQUIRE(loaded.problems.empty());
  return std::move(loaded.checks);
}

inline std::vector<engine::Diagnostic> lint_custom(const custom::CustomRuleSet& checks, std::string_view policy,
                                                   std::optional<policy::PolicyKind> kind = std::nullopt,
                                                   std::string name = "policy.json") {
  const SourceFile file(std::move(name), std::string(policy));
  engine::LintOptions options;
  options.selection.select = {"custom"};
  options.forced_kind = kind;
  options.runtime_rules = checks.rules();
  return engine::lint_source(file, options);
}

// Every counterexample must be a request the evaluator allows on that very policy.
inline void require_confirmed(const engine::Diagnostic& d, std::string_view policy_text,
                              std::optional<policy::PolicyKind> kind = std::nullopt) {
  REQUIRE(d.counterexample.has_value());
  const SourceFile file("policy.json", std::string(policy_text));
  auto tree = json::parse(file);
  REQUIRE(tree.has_value());
  policy::BuildOptions options;
  options.forced_kind = kind;
  const auto built = policy::build_policy(*tree, options);
  CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::allowed);
  CHECK(d.counterexample->decision == eval::Decision::allowed);
}

} // namespace policylint::testing
