// End-to-end tests of configuration files: discovery, precedence (command line over config),
// every kind of error with its position, per-path ignores, exclusions, severity overrides as
// SARIF shows them, suppressions, and the organisation rules.
#include "cli/fixtures.hpp"
#include "cli/process.hpp"

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>

#include <doctest/doctest.h>

namespace {

using namespace policylint::testing::cli;
namespace json = policylint::json;

// A bucket shared with a partner account: PL321 when only 111122223333 is trusted.
constexpr std::string_view k_partner_bucket = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PartnerReadsReports",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-reports/*"
    }
  ]
}
)";

// Deploy rights from the office and from a range the organisation does not own: PL103.
constexpr std::string_view k_office_deploy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DeployFromOffice",
      "Effect": "Allow",
      "Action": "lambda:UpdateFunctionCode",
      "Resource": "*",
      "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "192.0.2.0/24"]}}
    }
  ]
}
)";

struct Finding {
  std::string code;
  std::string file;
  std::string severity;
};

std::vector<Finding> findings_of(const RunResult& r) {
  const policylint::SourceFile file("out.json", r.out);
  auto tree = json::parse(file);
  REQUIRE_MESSAGE(tree, describe(r));
  std::vector<Finding> out;
  for (const auto& f : tree->find("findings")->items) {
    out.push_back({f.find("code")->text, f.find("file")->text, f.find("severity")->text});
  }
  return out;
}

std::vector<std::string> codes_in(const std::vector<Finding>& fs, std::string_view file) {
  std::vector<std::string> out;
  for (const auto& f : fs) {
    if (f.file == file) {
      out.push_back(f.code);
    }
  }
  return out;
}

// A repository with policies in two teams' folders.
struct Repo {
  TempDir dir;
  Repo() {
    dir.write(".git/HEAD", "ref: refs/heads/main\n");
    dir.write("teams/a/admin.json", k_admin_user);
    dir.write("teams/a/roles/trust.json", k_naive_trust);
    dir.write("teams/b/admin.json", k_admin_user);
  }
  RunResult check(std::vector<std::string> args) const {
    std::vector<std::string> full{"check", "--format", "json", "-q"};
    full.insert(full.end(), args.begin(), args.end());
    return run(full, at(dir.path()));
  }
};

} // namespace

TEST_CASE("config: discovered upwards from each file, and the nearest file wins") {
  Repo repo;
  repo.dir.write(".policylint.yaml", "ignore: [PL101]\n");
  repo.dir.write("teams/a/.policylint.yaml", "ignore: [PL301]\n");
  const auto r = repo.check({"teams"});
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  const auto fs = findings_of(r);
  // teams/a uses its own file (no merging with the root one): PL101 is back, PL301 is gone.
  CHECK(codes_in(fs, "teams/a/admin.json") == std::vector<std::string>{"PL101"});
  CHECK(codes_in(fs, "teams/a/roles/trust.json") == std::vector<std::string>{"PL201"});
  CHECK(codes_in(fs, "teams/b/admin.json").empty());
}

TEST_CASE("config: .yml and .json work the same, and a config above the repository is not used") {
  TempDir outer;
  outer.write(".policylint.yaml", "ignore: [PL101]\n");
  outer.write("repo/.git/HEAD", "");
  outer.write("repo/admin.json", k_admin_user);
  auto r = run({"check", "--format", "json", "-q", "admin.json"}, at(outer / "repo"));
  CHECK(codes_in(findings_of(r), "admin.json") == std::vector<std::string>{"PL101"});
  outer.write("repo/.policylint.json", R"({"ignore": ["PL101"]})");
  r = run({"check", "--format", "json", "-q", "admin.json"}, at(outer / "repo"));
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  std::filesystem::remove(outer / "repo/.policylint.json");
  outer.write("repo/.policylint.yml", "ignore: [network]\n");
  r = run({"check", "--format", "json", "-q", "admin.json"}, at(outer / "repo"));
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
}

TEST_CASE("config: the command line wins over the config file") {
  Repo repo;
  repo.dir.write(".policylint.yaml", "ignore: [PL101]\nfail-on: none\ninput-kinds:\n  teams/b/admin.json: trust\n");
  // --select replaces the config's select and ignore.
  auto r = repo.check({"--select", "PL101", "teams/a/admin.json"});
  CHECK(codes_in(findings_of(r), "teams/a/admin.json") == std::vector<std::string>{"PL101"});
  r = repo.check({"teams/a/admin.json"});
  CHECK(codes_in(findings_of(r), "teams/a/admin.json").empty());
  // The config's fail-on none makes findings pass; --fail-on error makes them fail again.
  r = repo.check({"teams/a/roles/trust.json"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK_FALSE(findings_of(r).empty());
  r = repo.check({"--fail-on", "error", "teams/a/roles/trust.json"});
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  // --ignore adds to the config's ignore list.
  r = repo.check({"--ignore", "PL301", "teams/a/roles/trust.json"});
  CHECK(codes_in(findings_of(r), "teams/a/roles/trust.json") == std::vector<std::string>{"PL201"});
  // --kind beats input-kinds (which makes teams/b/admin.json a trust policy: no PL101).
  r = repo.check({"--select", "PL101", "--kind", "identity", "teams/b/admin.json"});
  CHECK(codes_in(findings_of(r), "teams/b/admin.json") == std::vector<std::string>{"PL101"});
  r = repo.check({"--select", "PL101", "teams/b/admin.json"});
  CHECK(codes_in(findings_of(r), "teams/b/admin.json").empty());
  // --no-config ignores it entirely.
  r = repo.check({"--no-config", "teams/a/admin.json"});
  CHECK(codes_in(findings_of(r), "teams/a/admin.json") == std::vector<std::string>{"PL101"});
  CHECK(r.exit_code == 1);
}

TEST_CASE("config: --config uses one file for every input, globs relative to the working directory") {
  Repo repo;
  repo.dir.write(".policylint.yaml", "select: [PL999]\n"); // invalid, but not read with --config
  repo.dir.write("ci/lint.yaml", "per-path-ignores:\n  teams/a/**: [PL101]\n");
  const auto r = repo.check({"--config", "ci/lint.yaml", "teams"});
  const auto fs = findings_of(r);
  CHECK(codes_in(fs, "teams/a/admin.json").empty());
  CHECK(codes_in(fs, "teams/b/admin.json") == std::vector<std::string>{"PL101"});
  const auto missing = repo.check({"--config", "ci/none.yaml", "teams"});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "ci/none.yaml: cannot read the configuration file"));
}

TEST_CASE("config: errors name file, line and column, and nothing is linted") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"selct: [PL101]\n", ".policylint.yaml:1:1: unknown key \"selct\""},
      {"select:\n  - PL101\n  - PL9999\n", ".policylint.yaml:3:5: unknown rule selector \"PL9999\""},
      {"severity:\n  PL101: urgent\n", ".policylint.yaml:2:10: unknown severity \"urgent\""},
      {"organisation:\n  ip-allowlist:\n    - 203.0.113.0/24\n    - 10.0.0.300/8\n",
       ".policylint.yaml:4:7: \"10.0.0.300/8\" is not an IP address or CIDR range"},
      {"organisation:\n  trusted-accounts: [\"11112222333\"]\n",
       ".policylint.yaml:2:22: \"11112222333\" is not an AWS account id"},
      {"fail-on: [error]\n", ".policylint.yaml:1:10: fail-on must be a single value, not a list"},
      {"suppressions:\n  - rule: PL101\n    path: teams/**\n", ".policylint.yaml:2:5: a suppression needs \"reason\""},
      {"exclude: {a: b}\n", ".policylint.yaml:1:10: exclude must be a list, not a mapping"},
      {"select: [PL101\n", ".policylint.yaml:2:1: invalid YAML"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    Repo repo;
    repo.dir.write(".policylint.yaml", c.text);
    const auto r = run({"check", "teams"}, at(repo.dir.path()));
    CHECK_MESSAGE(r.exit_code == 2, describe(r));
    CHECK_MESSAGE(contains(r.err, "policylint: error: " + c.expected), describe(r));
    CHECK(r.out.empty());
  }
  Repo repo;
  repo.dir.write(".policylint.json", "{\"select\": [\"PL101\"],\n \"ignore\": 7,}\n");
  const auto r = run({"check", "teams"}, at(repo.dir.path()));
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(contains(r.err, ".policylint.json:2:14: invalid JSON"), describe(r));
}

TEST_CASE("config: per-path ignores and exclusions") {
  Repo repo;
  repo.dir.write(".policylint.yaml", R"(per-path-ignores:
  teams/a: [PL101]
  "trust.json": [mfa]
exclude:
  - teams/b
)");
  const auto r = repo.check({"teams", "teams/b/admin.json"});
  const auto fs = findings_of(r);
  CHECK(codes_in(fs, "teams/a/admin.json").empty());
  CHECK(codes_in(fs, "teams/a/roles/trust.json") == std::vector<std::string>{"PL301"});
  // Excluded even when named on the command line (pre-commit passes file names).
  CHECK(codes_in(fs, "teams/b/admin.json").empty());
  CHECK(fs.size() == 1);
}

TEST_CASE("config: a severity override shows in every format, SARIF's level included, and in the exit code") {
  Repo repo;
  repo.dir.write(".policylint.yaml", "severity:\n  PL101: medium\nfail-on: error\n");
  auto r = repo.check({"teams/b/admin.json"});
  const auto fs = findings_of(r);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].severity == "medium");
  CHECK_MESSAGE(r.exit_code == 0, describe(r)); // a warning no longer reaches fail-on error
  r = run({"check", "--format", "sarif", "teams/b/admin.json"}, at(repo.dir.path()));
  const policylint::SourceFile file("out.sarif", r.out);
  auto sarif = json::parse(file);
  REQUIRE(sarif);
  const auto& run0 = sarif->find("runs")->items.at(0);
  const auto& result = run0.find("results")->items.at(0);
  CHECK(result.find("ruleId")->text == "PL101");
  CHECK(result.find("level")->text == "warning");
  // ruleIndex still points at PL101 in the rule table, whose default level is unchanged.
  const auto index = std::stoul(result.find("ruleIndex")->text);
  const auto& rule = run0.find("tool")->find("driver")->find("rules")->items.at(index);
  CHECK(rule.find("id")->text == "PL101");
  CHECK(rule.find("defaultConfiguration")->find("level")->text == "error");
  r = run({"check", "teams/b/admin.json"}, at(repo.dir.path()));
  CHECK(contains(r.out, "warning: statement AdministratorAccess"));
}

TEST_CASE("config: suppressions by Sid, by JSON pointer and by rule and path") {
  Repo repo;
  repo.dir.write(".policylint.yaml", R"(suppressions:
  - rule: PL101
    path: teams/a/admin.json
    sid: AdministratorAccess
    reason: Break-glass user
  - rule: role-assumable-without-mfa
    path: "**/trust.json"
    pointer: /Statement/0/Principal
    reason: The CI user signs with a hardware key
  - rule: PL301
    path: teams/a/roles/*.json
    reason: Network controls live in the SCP
  - rule: PL101
    path: teams/b/admin.json
    sid: SomethingElse
    reason: Does not match
)");
  const auto r = run({"check", "--format", "json", "teams"}, at(repo.dir.path()));
  const auto fs = findings_of(r);
  CHECK(codes_in(fs, "teams/a/admin.json").empty());
  CHECK(codes_in(fs, "teams/a/roles/trust.json").empty());
  CHECK(codes_in(fs, "teams/b/admin.json") == std::vector<std::string>{"PL101"});
  CHECK_MESSAGE(contains(r.err, "policylint: 3 findings suppressed by configuration"), describe(r));
  // The entry that applies to a linted file but matched nothing is pointed out.
  CHECK(contains(r.err, "policylint: warning: .policylint.yaml:13:5: suppression of PL101 for teams/b/admin.json "
                        "matched no finding"));
  // Suppressed findings never reach SARIF.
  const auto sarif = run({"check", "--format", "sarif", "teams/a"}, at(repo.dir.path()));
  CHECK_MESSAGE(sarif.exit_code == 0, describe(sarif));
  CHECK_FALSE(contains(sarif.out, "\"ruleId\""));
}

TEST_CASE("config: standard input uses the config of --stdin-filename's directory") {
  Repo repo;
  repo.dir.write("teams/a/.policylint.yaml", "ignore: [PL101]\n");
  auto opts = at(repo.dir.path());
  opts.with_stdin(std::string(k_admin_user));
  auto r = run({"check", "-q", "--stdin-filename", "teams/a/new.json", "-"}, opts);
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  r = run({"check", "-q", "--stdin-filename", "teams/b/new.json", "-"}, opts);
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
}

TEST_CASE("config: the organisation rules need the organisation") {
  Repo repo;
  repo.dir.write("org/bucket.json", k_partner_bucket);
  repo.dir.write("org/deploy.json", k_office_deploy);
  auto r = repo.check({"--select", "PL103,PL321", "org"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(findings_of(r).empty());
  repo.dir.write(".policylint.yaml", R"(organisation:
  ip-allowlist: [203.0.113.0/24]
  trusted-accounts: ["111122223333"]
input-kinds:
  bucket.json: resource
)");
  r = run({"check", "--select", "PL103,PL321", "org"}, at(repo.dir.path()));
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  CHECK(contains(r.out, "org/bucket.json:7:28: error: statement PartnerReadsReports grants s3:GetObject to "
                        "arn:aws:iam::444455556666:root, and account 444455556666 is not one of the organisation's "
                        "trusted accounts [PL321"));
  CHECK(contains(r.out, "org/deploy.json:9:70: error: statement DeployFromOffice allows lambda:UpdateFunctionCode "
                        "from 192.0.2.1, outside the organisation's IP allow-list (203.0.113.0/24) [PL103"));
}
