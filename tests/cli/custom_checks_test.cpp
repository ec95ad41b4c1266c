// End-to-end: `check --rules DIR` with the committed example checks, in every output
// format, with --select/--ignore by custom code; bad rule files stop the run with exit 2 and
// positioned messages before anything is linted; `rules` and `explain` show custom checks.
#include "cli/fixtures.hpp"
#include "cli/process.hpp"

#include <doctest/doctest.h>

namespace {

using namespace policylint::testing::cli;

// A bucket policy readable by anyone: ACME002 and ACME003 fire on the "*" principal at 7:26.
constexpr std::string_view k_public_bucket = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-site/*"
        }
    ]
}
)";

// Compliant with all three examples: office range and MFA required, own-account bucket access.
constexpr std::string_view k_office_admin = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AdminFromOfficeWithMfa",
            "Effect": "Allow",
            "Action": ["iam:*", "s3:DeleteBucket"],
            "Resource": "*",
            "Condition": {
                "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                "Bool": {"aws:MultiFactorAuthPresent": "true"}
            }
        }
    ]
}
)";

constexpr std::string_view k_own_bucket = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OwnAccount",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "s3:*",
            "Resource": ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
        }
    ]
}
)";

const std::string k_examples = (source_dir() / "rules" / "custom-examples").string();

struct Fixture {
  TempDir dir;
  Fixture() {
    dir.write("admin.json", k_admin_user);
    dir.write("public-bucket.json", k_public_bucket);
    dir.write("office-admin.json", k_office_admin);
    dir.write("own-bucket.json", k_own_bucket);
  }
  [[nodiscard]] RunResult check(std::vector<std::string> extra) const {
    std::vector<std::string> args{"check", "-q", "--rules", k_examples, "--select", "custom"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.emplace_back(".");
    return run(args, at(dir.path()));
  }
};

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::size_t count(const std::string& text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

} // namespace

TEST_SUITE("cli: custom checks") {

TEST_CASE("text: violations fire with counterexamples, compliant policies are silent") {
  const Fixture f;
  const auto r = f.check({});
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "admin.json:7:23: error: statement AdministratorAccess allows s3:DeleteBucket from 198.51.100.23, "
                   "outside 203.0.113.0/24; allow it only from 203.0.113.0/24 with MFA "
                   "[ACME001 admin-actions-outside-office-or-without-mfa]"));
  CHECK(has(r.out, "counterexample: s3:DeleteBucket on * [aws:SourceIp=198.51.100.23; aws:ViaAWSService=false] → allowed"));
  CHECK(has(r.out, "public-bucket.json:7:26: error: statement PublicRead lets an anonymous caller call s3:GetObject on "
                   "arn:aws:s3:::example-site/x [ACME002 resource-shared-outside-account]"));
  CHECK(has(r.out, "public-bucket.json:7:26: error: statement PublicRead is public: an anonymous caller may call "
                   "s3:GetObject on arn:aws:s3:::example-site/x [ACME003 nothing-public]"));
  CHECK_FALSE(has(r.out, "office-admin.json"));
  CHECK_FALSE(has(r.out, "own-bucket.json"));
  CHECK(count(r.out, "counterexample:") == 3);
}

TEST_CASE("json, sarif, github, junit and markdown carry custom findings") {
  const Fixture f;
  const auto json = f.check({"--format", "json"});
  CHECK(json.exit_code == 1);
  CHECK(has(json.out, R"("code": "ACME001", "rule": "admin-actions-outside-office-or-without-mfa", "severity": "high")"));
  CHECK(has(json.out, R"("counterexample": {"request": {"action": "s3:DeleteBucket")"));
  CHECK(count(json.out, R"("code": "ACME)") == 3);

  const auto sarif = f.check({"--format", "sarif"});
  CHECK(sarif.exit_code == 1);
  CHECK(has(sarif.out, R"({"id": "ACME001", "name": "AdminActionsOutsideOfficeOrWithoutMfa")"));
  CHECK(has(sarif.out, "## How to fix"));
  CHECK(has(sarif.out, R"({"ruleId": "ACME001", "ruleIndex": 0,)"));
  CHECK(has(sarif.out, R"({"ruleId": "ACME003", "ruleIndex": 2,)"));
  CHECK(has(sarif.out, R"({"id": "PL000")")); // the built-ins stay listed

  const auto github = f.check({"--format", "github"});
  CHECK(has(github.out, "::error file=admin.json,line=7,col=23,endLine=7,endColumn=26,title=ACME001 "
                        "admin-actions-outside-office-or-without-mfa::"));
  const auto junit = f.check({"--format", "junit"});
  CHECK(has(junit.out, "[ACME002 resource-shared-outside-account]"));
  const auto markdown = f.check({"--format", "markdown"});
  CHECK(has(markdown.out, "public-bucket.json:7:26 | error | ACME003 |"));
}

TEST_CASE("--select and --ignore by custom code, prefix and name") {
  const Fixture f;
  auto r = f.check({"--ignore", "ACME001,nothing-public"});
  CHECK(r.exit_code == 1);
  CHECK_FALSE(has(r.out, "ACME001"));
  CHECK_FALSE(has(r.out, "ACME003"));
  CHECK(has(r.out, "ACME002"));
  r = run({"check", "-q", "--rules", k_examples, "--select", "ACME00", "--format", "json", "."}, at(f.dir.path()));
  CHECK(count(r.out, R"("code": "ACME)") == 3);
  CHECK(count(r.out, R"("code": "PL)") == 0);
  r = run({"check", "-q", "--rules", k_examples, "--select", "ACME009", "."}, at(f.dir.path()));
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "unknown rule selector(s): ACME009"));
  r = run({"check", "-q", "--select", "ACME001", "."}, at(f.dir.path())); // without --rules, unknown
  CHECK(r.exit_code == 2);
}

TEST_CASE("the configuration file may name custom checks: ignore, severity, suppressions") {
  const Fixture f;
  f.dir.write(".git/HEAD", "ref: refs/heads/main\n"); // the configuration search stops here
  f.dir.write(".policylint.yaml", R"(ignore: [ACME003]
severity:
  ACME002: info
suppressions:
  - rule: ACME001
    path: office-admin.json
    reason: the office admin is reviewed each quarter
)");
  const auto r = run({"check", "-q", "--rules", k_examples, "--format", "json", "."}, at(f.dir.path()));
  INFO(r.err);
  CHECK_FALSE(has(r.out, R"("code": "ACME003")"));
  CHECK(has(r.out, R"("code": "ACME002")"));
  CHECK(has(r.out, R"("severity": "info")"));
  CHECK(count(r.out, R"("code": "ACME001")") == 1); // admin.json only
  // Without --rules, the same file names unknown rules: an error with the position.
  const auto bare = run({"check", "-q", "."}, at(f.dir.path()));
  CHECK(bare.exit_code == 2);
  CHECK(has(bare.err, ".policylint.yaml:1:"));
}

TEST_CASE("a bad rule file stops the run before linting, with every problem's position") {
  const Fixture f;
  f.dir.write("checks/good.json", R"({"checks": [{"code": "ORG1", "name": "org-check", "severity": "high",
  "summary": "s", "forbid": {"actions": "iam:*"}}]})");
  f.dir.write("checks/bad.json", R"({"checks": [{
  "code": "ORG1", "name": "other", "severity": "severe", "summary": "s",
  "forbid": {"actions": "iam:*", "when": {"source_ip_outside": ["203.0.113.0/33"]}}}]})");
  const auto r = run({"check", "--rules", "checks", "admin.json"}, at(f.dir.path()));
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(has(r.err, "policylint: error: checks/bad.json:2:11: duplicate code ORG1 (first defined at checks/good.json:1:13)") ==
        false); // a check with problems is not registered, so no duplicate is claimed for it
  CHECK(has(r.err, "policylint: error: checks/bad.json:2:48: severity \"severe\" must be one of critical, high, medium, low, info"));
  CHECK(has(r.err, "policylint: error: checks/bad.json:3:65: source_ip_outside: \"203.0.113.0/33\" is not an IP address or CIDR range"));
  CHECK(has(r.err, "2 problems in the custom checks (--rules); nothing was linted"));

  const auto missing = run({"check", "--rules", "nowhere", "admin.json"}, at(f.dir.path()));
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "policylint: error: nowhere: "));
}

TEST_CASE("policies inside other formats get custom checks too (an AWS CLI get-bucket-policy response)") {
  TempDir dir;
  dir.write("bucket-policy.json", R"({
    "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-site/*\"}]}"
}
)");
  const auto r = run({"check", "-q", "--rules", k_examples, "--select", "ACME003", "bucket-policy.json"}, at(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "bucket-policy.json:2:"));
  CHECK(has(r.out, "statement PublicRead is public: an anonymous caller may call s3:GetObject on "
                   "arn:aws:s3:::example-site/x [ACME003 nothing-public]"));
}

TEST_CASE("rules and explain with --rules") {
  const auto listed = run({"rules", "--rules", k_examples});
  CHECK(listed.exit_code == 0);
  CHECK(has(listed.out, "ACME001 admin-actions-outside-office-or-without-mfa custom"));
  CHECK(has(listed.out, "PL000"));
  const auto as_json = run({"rules", "--format", "json", "--rules", k_examples});
  CHECK(has(as_json.out, R"({"code": "ACME003", "name": "nothing-public", "category": "custom", "severity": "critical")"));
  CHECK(as_json.out.find("ACME003") < as_json.out.find("PL000")); // code order
  const auto explained = run({"explain", "ACME001", "--rules", k_examples});
  CHECK(explained.exit_code == 0);
  CHECK(has(explained.out, "# ACME001 admin-actions-outside-office-or-without-mfa"));
  CHECK(has(explained.out, "## Query"));
  CHECK(has(explained.out, "\"source_ip_outside\": [\"203.0.113.0/24\"]"));
  CHECK(run({"explain", "ACME001"}).exit_code == 2);
}

} // TEST_SUITE
