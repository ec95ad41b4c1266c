// Every rule documents itself with fixed headings, and its README's examples are live:
// the "Example" policy must trigger the rule and the "Use instead" policy must not.
#include "support/lint_text.hpp"

#include <policylint/config/config.hpp>
#include <policylint/engine/account_runner.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <set>

using namespace policylint;

namespace {

// A README may state the configuration its examples assume (a ```yaml block under
// "## Configuration", e.g. the organisation's IP allow-list for PL103).
std::optional<config::Config> doc_config(const engine::RuleInfo& rule) {
  const std::string_view section = rule.doc_section("Configuration");
  const auto begin = section.find("```yaml\n");
  if (begin == std::string_view::npos) {
    return std::nullopt;
  }
  const auto body = begin + 8;
  const auto end = section.find("```", body);
  auto parsed = config::parse_config(section.substr(body, end - body), config::Syntax::yaml, rule.code + "/README.md");
  REQUIRE_MESSAGE(parsed, parsed.error().message);
  return std::move(*parsed);
}

std::vector<engine::Diagnostic> lint_example(std::string_view text, const config::Config* cfg,
                                             std::vector<std::string> select = {}) {
  const SourceFile file("policy.json", std::string(text));
  engine::LintOptions options;
  options.selection.select = std::move(select);
  options.organisation = cfg != nullptr ? &cfg->organisation : nullptr;
  account::Account account;
  auto found = engine::lint_source(file, options, &account);
  // Account-shaped examples (the cross-policy rules' snapshots) also go through the principal
  // graph; a plain policy adds no principal and no finding here.
  engine::AccountLintOptions account_options;
  account_options.sources = {&file};
  auto cross = engine::lint_account(account, options, account_options);
  found.insert(found.end(), cross.begin(), cross.end());
  return found;
}

} // namespace

TEST_CASE("rule registry: every rule is complete and codes are unique") {
  const auto rules = engine::all_rules();
  REQUIRE(rules.size() >= 14);
  std::set<std::string> codes;
  std::set<std::string> names;
  for (const auto& rule : rules) {
    CAPTURE(rule.code);
    CHECK(codes.insert(rule.code).second);
    CHECK(names.insert(rule.name).second);
    CHECK(rule.code.size() == 5);
    CHECK(rule.code.starts_with("PL"));
    CHECK_FALSE(rule.summary.empty());
    CHECK(rule.tags.size() <= 10);
    CHECK(rule.readme.starts_with("# " + rule.code + " " + rule.name + "\n"));
    for (const char* heading : {"What it does", "Why is this bad?", "Example", "Use instead", "References"}) {
      CAPTURE(heading);
      CHECK_FALSE(rule.doc_section(heading).empty());
    }
    CHECK(engine::find_rule(rule.code) == &rule);
    CHECK(engine::find_rule(rule.name) == &rule);
  }
}

TEST_CASE("rule docs: the Example fires and Use instead does not") {
  for (const auto& rule : engine::all_rules()) {
    CAPTURE(rule.code);
    const std::string_view bad = rule.doc_example("Example");
    const std::string_view good = rule.doc_example("Use instead");
    REQUIRE_FALSE(bad.empty());
    REQUIRE_FALSE(good.empty());
    const auto cfg = doc_config(rule);
    const config::Config* with = cfg ? &*cfg : nullptr;
    const auto bad_findings = lint_example(bad, with, {rule.code});
    CHECK(testing::has_code(bad_findings, rule.code));
    // With every rule on, the good example must not trigger this rule either.
    const auto good_findings = lint_example(good, with);
    CHECK_FALSE(testing::has_code(good_findings, rule.code));
  }
}

TEST_CASE("rule selection: code, prefix, name and category") {
  const auto* pl101 = engine::find_rule("PL101");
  REQUIRE(pl101 != nullptr);
  engine::Selection s;
  s.select = {"PL1"};
  CHECK(s.enabled(*pl101));
  s.select = {"network"};
  CHECK(s.enabled(*pl101));
  s.select = {"mfa"};
  CHECK_FALSE(s.enabled(*pl101));
  s.select = {};
  s.ignore = {"action-star-without-source-ip-deny"};
  CHECK_FALSE(s.enabled(*pl101));
  CHECK(engine::unknown_selectors({"PL1", "nonsense-rule"}) == std::vector<std::string>{"nonsense-rule"});
}
