// Every rule documents itself with fixed headings, and its README's examples are live:
// the "Example" policy must trigger the rule and the "Use instead" policy must not.
#include "support/account_snapshot.hpp"
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace policylint;

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
    if (rule.account_check != nullptr) {
      // "impl": "account" rules: the examples are account snapshots, read by the test-only
      // reader in tests/support/account_snapshot.hpp until the snapshot front end lands.
      const auto bad_account = testing::read_snapshot(bad);
      CHECK(testing::has_code(testing::lint_snapshot(bad_account, {rule.code}), rule.code));
      const auto good_account = testing::read_snapshot(good);
      CHECK_FALSE(testing::has_code(testing::lint_snapshot(good_account), rule.code));
      continue;
    }
    const auto bad_findings = testing::lint_text(bad, {rule.code});
    CHECK(testing::has_code(bad_findings, rule.code));
    // With every rule on, the good example must not trigger this rule either.
    const auto good_findings = testing::lint_text(good);
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
