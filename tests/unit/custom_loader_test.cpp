// Loading custom check files: the committed examples load; every kind of mistake is
// reported as "file:line:col: message" at the offending token, and a file with a mistake
// yields no checks.
#include "cli/process.hpp"
#include "support/custom_checks.hpp"
#include "support/lint_text.hpp"

#include <policylint/engine/registry.hpp>
#include <policylint/engine/selection.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>

namespace {

using namespace policylint;
using namespace policylint::testing;

// "checks.json:L:C: " for the first occurrence of `needle` in `text`.
std::string at(const std::string& text, const std::string& needle) {
  const Position p = position_of(text, needle);
  return fmt::format("checks.json:{}:{}: ", p.line, p.column);
}

// Loads `text`, which must have exactly one problem, starting with `prefix` and containing `part`.
void expect_problem(const std::string& text, const std::string& prefix, const std::string& part) {
  const auto loaded = load_checks_text(text);
  CAPTURE(text);
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems.front().starts_with(prefix));
  CHECK(contains(loaded.problems.front(), part));
  CHECK(loaded.checks.empty());
}

} // namespace

TEST_SUITE("custom checks: loader") {

TEST_CASE("the committed examples load, with run-time rule metadata") {
  const auto loaded = custom::load_custom_checks({(cli::source_dir() / "rules" / "custom-examples").string()},
                                                 catalog::embedded_catalog());
  for (const auto& p : loaded.problems) {
    FAIL_CHECK(p);
  }
  REQUIRE(loaded.checks.size() == 3);
  const engine::RuleInfo* admin = loaded.checks.find("ACME001");
  REQUIRE(admin != nullptr);
  CHECK(admin->name == "admin-actions-outside-office-or-without-mfa");
  CHECK(admin->category == "custom");
  CHECK(admin->severity == engine::Severity::high);
  CHECK(admin->security);
  CHECK(loaded.checks.find("nothing-public") == loaded.checks.find("ACME003"));
  CHECK_FALSE(admin->doc_section("What it does").empty());
  CHECK(contains(std::string(admin->doc_section("How to fix")), "aws:MultiFactorAuthPresent"));
  CHECK(contains(std::string(admin->doc_section("Query")), "\"source_ip_outside\""));
  CHECK(contains(admin->readme, "admin-actions.json:5:"));
}

TEST_CASE("selectors reach custom codes, code prefixes, names and the custom category") {
  const auto checks = checks_or_fail(one_check(R"({"actions": ["iam:*"]})"));
  const engine::RuleInfo& rule = *checks.find("ORG1");
  for (const char* s : {"ORG1", "ORG", "org-check", "custom", "ALL"}) {
    CAPTURE(s);
    CHECK(engine::selector_matches(s, rule));
  }
  CHECK_FALSE(engine::selector_matches("PL1", rule));
  CHECK_FALSE(engine::selector_matches("ORG2", rule));
  const auto infos = checks.infos();
  CHECK(engine::unknown_selectors({"ORG1", "PL101", "custom", "NOPE9"}, infos) == std::vector<std::string>{"NOPE9"});
  CHECK(engine::unknown_selectors({"ORG1"}) == std::vector<std::string>{"ORG1"});
  const auto merged = engine::rules_with(infos);
  CHECK(merged.size() == engine::all_rules().size() + 1);
  CHECK(std::is_sorted(merged.begin(), merged.end(), [](auto* a, auto* b) { return a->code < b->code; }));
}

TEST_CASE("metadata mistakes, each at its token") {
  const std::string base = one_check(R"({"actions": ["iam:*"]})");
  const auto replace = [&](const std::string& from, const std::string& to) {
    std::string out = base;
    out.replace(out.find(from), from.size(), to);
    return out;
  };
  std::string t = replace(R"("ORG1")", R"("org1")");
  expect_problem(t, at(t, R"("org1")"), "must be an upper-case letter");
  t = replace(R"("ORG1")", R"("ORG")");
  expect_problem(t, at(t, R"("ORG")"), "ending in a digit");
  t = replace(R"("ORG1")", R"("PL999")");
  expect_problem(t, at(t, R"("PL999")"), "reserved: codes starting with PL belong to built-in rules");
  t = replace(R"("ORG1")", "17");
  expect_problem(t, at(t, "17"), "\"code\" must be a string, not number");
  t = replace(R"("org-check")", R"("Org_Check")");
  expect_problem(t, at(t, R"("Org_Check")"), "kebab-case");
  t = replace(R"("org-check")", R"("unknown-action")");
  expect_problem(t, at(t, R"("unknown-action")"), "already the name of built-in rule PL");
  t = replace(R"("org-check")", R"("network")");
  expect_problem(t, at(t, R"("network")"), "is a rule category");
  t = replace(R"("high")", R"("severe")");
  expect_problem(t, at(t, R"("severe")"), "must be one of critical, high, medium, low, info");
  t = replace(R"("summary": "Test check.")", R"("summary": "Test check.", "colour": "red")");
  expect_problem(t, at(t, R"("colour")"), "unknown key \"colour\" in a check");
  t = replace(R"("summary": "Test check.")", R"("summary": "Test check.", "summary": "Again.")");
  expect_problem(t, at(t, R"("summary": "Again)"), "duplicate key \"summary\"");
  t = replace(R"("summary": "Test check.", )", "");
  expect_problem(t, at(t, R"({"code")"), "a check has no \"summary\" (required)");
  t = replace(R"("summary": "Test check.")", R"("summary": "Test check.", "message": "{statement} {stmt}")");
  expect_problem(t, at(t, R"("{statement} {stmt}")"), "unknown placeholder {stmt}");
  t = replace(R"("summary": "Test check.")", R"("summary": "Test check.", "message": "open {brace")");
  expect_problem(t, at(t, R"("open {brace")"), "is not closed");
  t = replace(R"("summary": "Test check.")", R"("summary": "Test check.", "references": ["docs/x.md"])");
  expect_problem(t, at(t, R"("docs/x.md")"), "must be an http(s) URL");
  t = replace(R"("summary": "Test check.")", R"("summary": "Test check.", "tags": ["a", 3])");
  expect_problem(t, at(t, "3]"), "\"tags\" must hold only strings, not number");
}

TEST_CASE("query mistakes, each at its token") {
  const auto check = [](const std::string& forbid, const std::string& needle, const std::string& part,
                        const std::string& applies_to = {}) {
    const std::string t = one_check(forbid, applies_to);
    expect_problem(t, at(t, needle), part);
  };
  check(R"({"actions": ["iamm:*"]})", R"("iamm:*")", "unknown service prefix \"iamm\" (did you mean iam");
  check(R"({"actions": ["s3:DeleteBuckt"]})", R"("s3:DeleteBuckt")", "matches no s3 action (did you mean s3:DeleteBucket?)");
  check(R"({"actions": ["DeleteBucket"]})", R"("DeleteBucket")", "must be \"*\" or \"service:Action\"");
  check(R"({"actions": []})", R"([])", "\"actions\" needs at least one pattern");
  check(R"({"actions": {"iam": "*"}})", R"({"iam")", "\"actions\" must be a string or an array of strings, not object");
  check(R"({"resources": ["*"]})", R"({"resources")", "\"forbid\" has no \"actions\" (required)");
  check(R"({"actions": "*", "resources": ["bucket/*"]})", R"("bucket/*")", "must be \"*\" or an ARN pattern");
  check(R"({"actions": "*", "principal": "everyone"})", R"("everyone")", "must be \"any\", \"anonymous\"");
  check(R"({"actions": "*", "principal": {"outside_accounts": ["12345"]}})", R"("12345")", "must be 12 digits");
  check(R"({"actions": "*", "principal": {"outside_organizations": ["org-1"]}})", R"("org-1")", "must be o- followed by");
  check(R"({"actions": "*", "principal": {"inside": ["123456789012"]}})", R"("inside")", "unknown key \"inside\" in \"principal\"");
  check(R"({"actions": "*", "when": {"source_ip_outside": ["10.0.0/8"]}})", R"("10.0.0/8")", "is not an IP address or CIDR range");
  check(R"({"actions": "*", "when": {"source_ip_outside": ["10.1.2.3/8"]}})", R"("10.1.2.3/8")", "has host bits set; write 10.0.0.0/8");
  check(R"({"actions": "*", "when": {"source_ip_outside": "10.0.0.0/33"}})", R"("10.0.0.0/33")", "is not an IP address or CIDR range");
  check(R"({"actions": "*", "when": {"mfa": "maybe"}})", R"("maybe")", "must be \"absent\", \"false\" or \"absent-or-false\"");
  check(R"({"actions": "*", "when": {"vpc": "x"}})", R"("vpc")", "unknown key \"vpc\" in \"when\"");
  check(R"({"actions": "*", "when": {}})", R"({})", "\"when\" is empty");
  check(R"({"actions": "*", "when_mode": "some"})", R"("some")", "must be \"any\" or \"all\"");
  check(R"({"actions": "*", "context": {"SecureTransport": "false"}})", R"("SecureTransport")", "must be \"prefix:name\"");
  check(R"({"actions": "*", "context": {"aws:SecureTransport": {"x": 1}}})", R"({"x")", "must be a string, number, boolean");
  check(R"({"actions": "*", "context": {"aws:A": 1, "AWS:a": 2}})", R"("AWS:a")", "is given twice");
  check(R"({"actions": "*", "context": {"aws:SourceIp": "198.51.100.1"}, "when": {"source_ip_outside": ["203.0.113.0/24"]}})",
        R"("aws:SourceIp")", "is also set by \"when\" (source_ip_outside)");
  check(R"({"actions": "*", "principal": "anonymous"})", R"("anonymous")", "never applies to identity policies",
        R"({"kind": "identity"})");
  check(R"({"actions": "*"})", R"("role")", "kind \"role\" must be identity, trust, resource or any", R"({"kind": "role"})");
  check(R"({"actions": "*"})", R"("path")", "unknown key \"path\" in \"applies_to\"", R"({"path": "x"})");
  check(R"(["iam:*"])", R"(["iam:*"])", "\"forbid\" must be an object, not array");
}

TEST_CASE("file-level mistakes") {
  expect_problem(R"({"checks": [{"code": "X1",, }]})", "checks.json:1:", "invalid JSON");
  expect_problem("[1]", "checks.json:1:1: ", "must be a JSON object with \"checks\"");
  expect_problem(R"({"checks": []})", "checks.json:1:12: ", "\"checks\" must be a non-empty array");
  const auto wrong_key = load_checks_text(R"({"rules": []})");
  REQUIRE(wrong_key.problems.size() == 2);
  CHECK(wrong_key.problems[0] == "checks.json:1:1: the check file has no \"checks\" (required)");
  CHECK(wrong_key.problems[1].starts_with("checks.json:1:2: unknown key \"rules\" in the check file"));
  expect_problem(R"({"Version": "2012-10-17", "Statement": []})", "checks.json:1:1: ", "this is an IAM policy, not a check file");
  const std::string v2 = R"({"version": 2, "checks": [{"code": "A1", "name": "a", "severity": "low", "summary": "s", "forbid": {"actions": "*"}}]})";
  const auto loaded = load_checks_text(v2);
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems.front() == "checks.json:1:13: \"version\" must be 1");
}

TEST_CASE("problems come in position order, all of them") {
  const std::string t = R"({"checks": [{"code": "bad", "name": "Bad", "severity": "x", "summary": "s", "forbid": {"actions": "nope"}}]})";
  const auto loaded = load_checks_text(t);
  REQUIRE(loaded.problems.size() == 4);
  CHECK(loaded.problems[0].starts_with(at(t, R"("bad")")));
  CHECK(loaded.problems[1].starts_with(at(t, R"("Bad")")));
  CHECK(loaded.problems[2].starts_with(at(t, R"("x")")));
  CHECK(loaded.problems[3].starts_with(at(t, R"("nope")")));
}

TEST_CASE("duplicate codes and names across files name the first definition") {
  std::vector<SourceFile> files;
  files.emplace_back("a.json", one_check(R"({"actions": "*"})"));
  std::string second = one_check(R"({"actions": "*"})");
  files.emplace_back("b.json", second);
  auto loaded = custom::load_check_files(files, catalog::embedded_catalog());
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems.front().starts_with("b.json:1:22: duplicate code ORG1 (first defined at a.json:1:13)"));
  second.replace(second.find("ORG1"), 4, "ORG2");
  files.back() = SourceFile("b.json", second);
  loaded = custom::load_check_files(files, catalog::embedded_catalog());
  REQUIRE(loaded.problems.size() == 1);
  CHECK(contains(loaded.problems.front(), "duplicate name org-check (first defined at a.json:1:13)"));
}

TEST_CASE("YAML check files: same checks, same positioned problems") {
  const std::string yaml = R"(version: 1
checks:
  - code: ORG10
    name: no-public-buckets
    severity: critical
    summary: Bucket policies must not let anonymous callers in.
    message: "statement {statement} is public"
    applies_to:
      kind: [resource]
    forbid:
      actions: ["s3:*"]
      principal: anonymous
      context:
        aws:SecureTransport: true
        aws:SourceVpce: null
)";
  auto loaded = load_checks_text(yaml, "checks.yaml");
  for (const auto& p : loaded.problems) {
    FAIL_CHECK(p);
  }
  REQUIRE(loaded.checks.size() == 1);
  const std::string bucket = R"({"Version": "2012-10-17", "Statement": [{"Sid": "PublicRead", "Effect": "Allow",
    "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-site/*"}]})";
  const auto ds = lint_custom(loaded.checks, bucket);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().message == "statement PublicRead is public");
  const auto* secure = ds.front().counterexample->request.context_values("aws:securetransport");
  REQUIRE(secure != nullptr);
  CHECK(secure->front() == "true");
  CHECK(contains(loaded.checks.rules().front().info.readme, R"("principal": "anonymous")"));

  const std::string bad = R"(checks:
  - code: ORG11
    name: bad-one
    severity: severe
    summary: x
    forbid:
      actions: [iamm:*]
      when:
        source_ip_outside: 10.0.0.0/33
)";
  loaded = load_checks_text(bad, "checks.yaml");
  REQUIRE(loaded.problems.size() == 3);
  CHECK(loaded.problems[0].starts_with("checks.yaml:4:15: severity \"severe\""));
  CHECK(loaded.problems[1].starts_with("checks.yaml:7:17: action pattern \"iamm:*\""));
  CHECK(loaded.problems[2].starts_with("checks.yaml:9:28: source_ip_outside: \"10.0.0.0/33\""));

  loaded = load_checks_text("checks:\n  - code: [unclosed\n", "checks.yml");
  REQUIRE(loaded.problems.size() == 1);
  CHECK(loaded.problems.front().starts_with("checks.yml:"));
  CHECK(contains(loaded.problems.front(), "invalid YAML"));

  // Aliases cannot make a small file expand without bound.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'h'; ++c) {
    bomb += std::string(1, c) + ": &" + std::string(1, c) + " [*" + std::string(1, static_cast<char>(c - 1)) + ", *" +
            std::string(1, static_cast<char>(c - 1)) + ", *" + std::string(1, static_cast<char>(c - 1)) + ", *" +
            std::string(1, static_cast<char>(c - 1)) + ", *" + std::string(1, static_cast<char>(c - 1)) + ", *" +
            std::string(1, static_cast<char>(c - 1)) + ", *" + std::string(1, static_cast<char>(c - 1)) + ", *" +
            std::string(1, static_cast<char>(c - 1)) + ", *" + std::string(1, static_cast<char>(c - 1)) + ", *" +
            std::string(1, static_cast<char>(c - 1)) + "]\n";
  }
  loaded = load_checks_text(bomb, "bomb.yaml");
  REQUIRE(loaded.problems.size() == 1);
  CHECK(contains(loaded.problems.front(), "more than 100000 nodes"));
}

TEST_CASE("directories: missing, a file, empty, unreadable check file") {
  cli::TempDir dir;
  const auto load = [&](const std::string& path) {
    return custom::load_custom_checks({path}, catalog::embedded_catalog()).problems;
  };
  auto problems = load((dir.path() / "absent").string());
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems.front(), "absent: "));
  dir.write("file.json", "{}");
  problems = load((dir.path() / "file.json").string());
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems.front(), "not a directory"));
  std::filesystem::create_directories(dir.path() / "empty");
  dir.write("empty/notes.txt", "not a check file");
  problems = load((dir.path() / "empty").string());
  REQUIRE(problems.size() == 1);
  CHECK(contains(problems.front(), "no check files (*.json, *.yaml, *.yml)"));
  dir.write("mixed/good.json", one_check(R"({"actions": "*"})"));
  dir.write("mixed/bad.json", "{");
  const auto loaded = custom::load_custom_checks({(dir.path() / "mixed").string()}, catalog::embedded_catalog());
  REQUIRE(loaded.problems.size() == 1);
  CHECK(contains(loaded.problems.front(), "mixed/bad.json:1:"));
}

} // TEST_SUITE
