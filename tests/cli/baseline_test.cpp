// End-to-end tests of baselines: written atomically and sorted, findings recorded there are
// hidden, new ones are not, reformatting and moving statements keeps them matched, stale
// entries are counted (and can fail the run), and bad baseline files are errors with positions.
#include "cli/process.hpp"

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>

#include <doctest/doctest.h>

namespace {

using namespace policylint::testing::cli;
namespace json = policylint::json;

// PL101 (Sid AdministratorAccess) and PL102 (Sid SourceIPRestriction) would both be here
// if the deny covered everything; it covers s3 only, so PL101 fires.
constexpr std::string_view k_admin = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AdministratorAccess",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        },
        {
            "Sid": "DenyS3OutsideOffice",
            "Effect": "Deny",
            "Action": "s3:*",
            "Resource": "*",
            "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
        }
    ]
}
)";

// The same policy, re-indented, keys re-spaced, one line per statement and the statements
// in the other order.
constexpr std::string_view k_admin_reformatted = R"({"Version":"2012-10-17",
  "Statement":[
  {"Sid":"DenyS3OutsideOffice","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}},
  {   "Sid" :   "AdministratorAccess" ,   "Effect" : "Allow" ,  "Action" :  "*" ,  "Resource" : "*"   }
]}
)";

// A trust policy without Sids: PL201 and PL301 on the principal.
constexpr std::string_view k_trust = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:user/test-user"},
      "Action": "sts:AssumeRole"
    }
  ]
}
)";

constexpr std::string_view k_trust_reindented = R"({
        "Version":   "2012-10-17",
        "Statement":   [   {
                "Effect":   "Allow",
                "Principal":   {   "AWS":   "arn:aws:iam::111122223333:user/test-user"   },
                "Action":   "sts:AssumeRole"
        }   ]
}
)";

struct Repo {
  TempDir dir;
  Repo() {
    dir.write(".git/HEAD", "");
    dir.write("policies/admin.json", k_admin);
    dir.write("policies/roles/trust.json", k_trust);
  }
  [[nodiscard]] RunResult check(std::vector<std::string> args) const {
    std::vector<std::string> full{"check"};
    full.insert(full.end(), args.begin(), args.end());
    return run(full, at(dir.path()));
  }
};

json::Value parse_json(const std::string& text) {
  const policylint::SourceFile file("x.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  return std::move(*tree);
}

} // namespace

TEST_CASE("baseline: written sorted with a version, then every recorded finding is hidden") {
  Repo repo;
  auto r = repo.check({"policies", "--write-baseline", "policylint-baseline.json"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(contains(r.err, "policylint: wrote 3 findings to the baseline policylint-baseline.json"));
  CHECK(r.out.find("PL101") == std::string::npos); // what was just accepted is not reported
  const std::string text = read_file(repo.dir / "policylint-baseline.json");
  const auto root = parse_json(text);
  CHECK(root.find("version")->text == "1");
  const auto& entries = root.find("findings")->items;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].find("path")->text == "policies/admin.json");
  CHECK(entries[0].find("rule")->text == "PL101");
  CHECK(entries[0].find("location")->text == "/Statement/Sid=AdministratorAccess/Action");
  CHECK(entries[1].find("path")->text == "policies/roles/trust.json");
  CHECK(entries[1].find("rule")->text == "PL201");
  CHECK(entries[1].find("location")->text == "/Statement/0/Principal/AWS");
  CHECK(entries[2].find("rule")->text == "PL301");
  CHECK_FALSE(contains(text, "\"line\""));
  // Nothing but the baseline was written (no temporary files left behind).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(repo.dir.path())) {
    ++files;
  }
  CHECK(files == 3); // .git, policies, the baseline

  r = repo.check({"policies", "--baseline", "policylint-baseline.json"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(contains(r.err, "policylint: 3 findings hidden by the baseline policylint-baseline.json"));
  CHECK_FALSE(contains(r.err, "stale"));
  // Writing again gives the same bytes.
  r = repo.check({"policies", "--write-baseline", "again.json"});
  CHECK(read_file(repo.dir / "again.json") == text);
}

TEST_CASE("baseline: new findings are reported, and baselined ones stay out of SARIF") {
  Repo repo;
  REQUIRE(repo.check({"policies", "--write-baseline", "b.json"}).exit_code == 0);
  repo.dir.write("policies/new-admin.json", k_admin);
  auto r = repo.check({"--format", "sarif", "policies", "--baseline", "b.json"});
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  CHECK(count_of(r.out, "\"ruleId\"") == 1);
  CHECK(contains(r.out, "policies/new-admin.json"));
  // The Sid is the statement's identity: renamed, its finding is new.
  std::string renamed(k_admin);
  renamed.replace(renamed.find("AdministratorAccess"), 19, "AdministratorAccess2");
  repo.dir.write("policies/admin.json", renamed);
  r = repo.check({"--format", "json", "policies/admin.json", "--baseline", "b.json"});
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  CHECK(contains(r.out, "AdministratorAccess2"));
}

TEST_CASE("baseline: reformatting, re-indenting and reordering statements keep it matched") {
  Repo repo;
  REQUIRE(repo.check({"policies", "--write-baseline", "b.json"}).exit_code == 0);
  repo.dir.write("policies/admin.json", k_admin_reformatted);
  repo.dir.write("policies/roles/trust.json", k_trust_reindented);
  // The findings moved to other lines and columns...
  auto plain = repo.check({"--no-config", "policies"});
  CHECK(contains(plain.out, "policies/admin.json:4:"));
  // ...and are still the baselined ones.
  const auto r = repo.check({"policies", "--baseline", "b.json"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(contains(r.err, "3 findings hidden by the baseline"));
  CHECK_FALSE(contains(r.err, "stale"));
}

TEST_CASE("baseline: paths are relative to the baseline file, so it works from any directory") {
  Repo repo;
  std::filesystem::create_directories(repo.dir / "ci");
  REQUIRE(repo.check({"policies", "--write-baseline", "ci/b.json"}).exit_code == 0);
  const auto root = parse_json(read_file(repo.dir / "ci/b.json"));
  CHECK(root.find("findings")->items.at(0).find("path")->text == "../policies/admin.json");
  const auto r = run({"check", "admin.json", "roles", "--baseline", "../ci/b.json"}, at(repo.dir / "policies"));
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(contains(r.err, "3 findings hidden"));
}

TEST_CASE("baseline: stale entries are counted for linted and deleted files, and --fail-on-stale fails") {
  Repo repo;
  REQUIRE(repo.check({"policies", "--write-baseline", "b.json"}).exit_code == 0);
  // Fix the admin policy: its entry is stale.
  repo.dir.write("policies/admin.json", R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-reports/*"}]})");
  auto r = repo.check({"policies", "--baseline", "b.json"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(contains(r.err, "policylint: 1 baseline entry is stale (the finding is gone); refresh the baseline with "
                        "--write-baseline b.json"));
  r = repo.check({"policies", "--baseline", "b.json", "--fail-on-stale"});
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  // Linting only the trust policy (as pre-commit does with the files of a commit) says
  // nothing about the admin policy's entry.
  r = repo.check({"policies/roles/trust.json", "--baseline", "b.json", "--fail-on-stale"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK_FALSE(contains(r.err, "stale"));
  // A deleted file's entries are stale even when it is not linted.
  std::filesystem::remove(repo.dir / "policies/admin.json");
  r = repo.check({"policies/roles/trust.json", "--baseline", "b.json", "--fail-on-stale"});
  CHECK_MESSAGE(r.exit_code == 1, describe(r));
  CHECK(contains(r.err, "1 baseline entry is stale"));
}

TEST_CASE("baseline: a bad baseline file is an error with its position, before anything is linted") {
  Repo repo;
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"{\"version\": 1,\n \"findings\": [}\n", "b.json:2:15: invalid JSON"},
      {"{\"version\": 2, \"findings\": []}\n", "b.json:1:13: unsupported baseline version 2"},
      {"{\"version\": \"1\", \"findings\": []}\n", "b.json:1:13: unsupported baseline version"},
      {"{\"findings\": []}\n", "b.json:1:1: the baseline has no \"version\""},
      {"[]\n", "b.json:1:1: a baseline is a JSON object"},
      {"{\"version\": 1, \"findings\": {}}\n", "b.json:1:28: \"findings\" must be a list"},
      {"{\"version\": 1, \"findings\": [{\"rule\": \"PL101\", \"path\": 7, \"fingerprint\": \"ab\"}]}\n",
       "b.json:1:55: each finding needs a non-empty string \"path\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    repo.dir.write("b.json", c.text);
    const auto r = repo.check({"policies", "--baseline", "b.json"});
    CHECK(r.exit_code == 2);
    CHECK_MESSAGE(contains(r.err, "policylint: error: " + c.expected), describe(r));
    CHECK(r.out.empty());
  }
  const auto missing = repo.check({"policies", "--baseline", "none.json"});
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "none.json: cannot read the baseline"));
  const auto directory = repo.check({"policies", "--baseline", "policies"});
  CHECK(directory.exit_code == 2);
  CHECK(contains(directory.err, "policies: cannot read the baseline"));
}

TEST_CASE("baseline: an unwritable baseline path is an error and leaves nothing behind") {
  Repo repo;
  const auto r = repo.check({"policies", "--write-baseline", "no/such/dir/b.json"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "policylint: error:"));
  CHECK_FALSE(std::filesystem::exists(repo.dir / "no"));
}

TEST_CASE("baseline: findings about the whole document (empty location) round-trip") {
  Repo repo;
  repo.dir.write("policies/broken.json", "{\"Version\": \"2012-10-17\", \"Statement\": [}\n");
  REQUIRE(repo.check({"policies", "--write-baseline", "b.json"}).exit_code == 0);
  CHECK(contains(read_file(repo.dir / "b.json"), "\"rule\": \"PL000\""));
  const auto r = repo.check({"policies", "--baseline", "b.json"});
  CHECK_MESSAGE(r.exit_code == 0, describe(r));
  CHECK(contains(r.err, "4 findings hidden"));
}

TEST_CASE("baseline: --fix and --diff leave the findings the baseline hides alone") {
  // Fixable findings (a CIDR with host bits, a raw SourceIp Deny) accepted by the baseline.
  const std::string deny = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Sid": "Office", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.7/24"}}}]}
)";
  TempDir dir;
  dir.write("policies/deny.json", deny);
  const RunOptions in_dir = at(dir.path());
  const auto unfiltered = run({"check", "--diff", "policies"}, in_dir);
  REQUIRE(unfiltered.exit_code == 1); // there is something to fix
  REQUIRE(contains(unfiltered.out, "203.0.113.0/24"));

  const auto written = run({"check", "policies", "--write-baseline", "baseline.json"}, in_dir);
  CHECK_MESSAGE(written.exit_code == 0, describe(written));
  const auto diff = run({"check", "--diff", "--baseline", "baseline.json", "policies"}, in_dir);
  CHECK_MESSAGE(diff.exit_code == 0, describe(diff));
  CHECK(diff.out.empty());
  const auto fixed = run({"check", "--fix", "--baseline", "baseline.json", "policies"}, in_dir);
  CHECK_MESSAGE(fixed.exit_code == 0, describe(fixed));
  CHECK(read_file(dir / "policies/deny.json") == deny);
}
