// End-to-end tests of check --fix and --diff: files rewritten minimally and atomically,
// re-lint output, --diff writes nothing and its patch equals --fix, refusals (read-only file,
// standard input), files without fixes left alone, and SARIF fixes.
#include "cli/process.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

namespace {

using namespace policylint::testing::cli;

// PL102 (raw source-IP Deny) and PL023 (203.0.113.7/24) in one file, 4-space indentation.
constexpr std::string_view k_deny = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AdministratorAccess",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        },
        {
            "Sid": "OfficeOnly",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {
                "NotIpAddress": {"aws:SourceIp": ["203.0.113.7/24"]}
            }
        }
    ]
}
)";

constexpr std::string_view k_deny_fixed = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AdministratorAccess",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        },
        {
            "Sid": "OfficeOnly",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {
                "NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]},
                "Bool": {"aws:ViaAWSService": "false"}
            }
        }
    ]
}
)";

// PL101 only: nothing to fix.
constexpr std::string_view k_admin = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
)";

ino_t inode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_ino;
}

} // namespace

TEST_SUITE("cli fix") {
  TEST_CASE("--fix rewrites only what the fixes edit, keeps the mode, then reports what remains") {
    TempDir dir;
    dir.write("policies/deny.json", k_deny);
    dir.write("policies/admin.json", k_admin);
    REQUIRE(::chmod((dir / "policies/deny.json").c_str(), 0600) == 0);
    const ino_t admin_inode = inode_of(dir / "policies/admin.json");
    const auto r = run({"check", "--fix", "policies"}, at(dir.path()));
    CHECK(r.exit_code == 1); // the PL101 finding in admin.json remains
    CHECK(read_file(dir / "policies/deny.json") == k_deny_fixed);
    CHECK(read_file(dir / "policies/admin.json") == k_admin);
    CHECK(inode_of(dir / "policies/admin.json") == admin_inode); // not rewritten
    struct stat st {};
    REQUIRE(::stat((dir / "policies/deny.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(r.out.find("PL101") != std::string::npos);
    CHECK(r.out.find("PL102") == std::string::npos);
    CHECK(r.out.find("PL023") == std::string::npos);
    CHECK(r.err.find("applied 2 fixes in 1 file") != std::string::npos);
    CHECK(std::distance(fs::directory_iterator(dir / "policies"), fs::directory_iterator()) == 2); // no temp files
    // Fixed files stay fixed: a second run changes nothing.
    const auto again = run({"check", "--fix", "policies/deny.json"}, at(dir.path()));
    CHECK(again.exit_code == 0);
    CHECK(again.err.find("applied 0 fixes in 0 files") != std::string::npos);
  }

  TEST_CASE("--fix applies only the fixes of the selected findings") {
    TempDir dir;
    dir.write("deny.json", k_deny);
    const auto r = run({"check", "--fix", "--select", "PL023", "deny.json"}, at(dir.path()));
    CHECK(r.exit_code == 0);
    std::string expected(k_deny);
    expected.replace(expected.find("203.0.113.7/24"), 14, "203.0.113.0/24");
    CHECK(read_file(dir / "deny.json") == expected); // PL102's Bool block was not added
    const auto rest = run({"check", "deny.json"}, at(dir.path()));
    CHECK(rest.out.find("PL102") != std::string::npos);
  }

  TEST_CASE("--fix follows the configuration: ignored rules, suppressed findings and excluded files stay") {
    TempDir dir;
    dir.write(".git/HEAD", "ref: refs/heads/main\n"); // the configuration search stops here
    dir.write(".policylint.yaml", R"(per-path-ignores:
  "policies/**": [PL102]
exclude: ["vendor/**"]
suppressions:
  - rule: PL023
    path: policies/deny.json
    sid: OfficeOnly
    reason: the range is written as the network team hands it out
)");
    dir.write("policies/deny.json", k_deny);
    dir.write("vendor/deny.json", k_deny);
    const auto r = run({"check", "--fix", "policies", "vendor/deny.json"}, at(dir.path()));
    INFO(describe(r));
    CHECK(read_file(dir / "policies/deny.json") == k_deny); // PL102 ignored, PL023 suppressed
    CHECK(read_file(dir / "vendor/deny.json") == k_deny);   // excluded
    CHECK(r.err.find("applied 0 fixes in 0 files") != std::string::npos);
    // Without the configuration both fixes apply.
    const auto plain = run({"check", "--no-config", "--fix", "policies/deny.json"}, at(dir.path()));
    CHECK(read_file(dir / "policies/deny.json") == k_deny_fixed);
  }

  TEST_CASE("--diff writes nothing, exits 1, and its patch gives exactly what --fix writes") {
    TempDir dir;
    dir.write("deny.json", k_deny);
    const auto r = run({"check", "--diff", "deny.json"}, at(dir.path()));
    CHECK(r.exit_code == 1);
    CHECK(read_file(dir / "deny.json") == k_deny);
    CHECK(r.out ==
          "--- deny.json\n+++ deny.json\n@@ -13,7 +13,8 @@\n"
          "             \"Action\": \"*\",\n"
          "             \"Resource\": \"*\",\n"
          "             \"Condition\": {\n"
          "-                \"NotIpAddress\": {\"aws:SourceIp\": [\"203.0.113.7/24\"]}\n"
          "+                \"NotIpAddress\": {\"aws:SourceIp\": [\"203.0.113.0/24\"]},\n"
          "+                \"Bool\": {\"aws:ViaAWSService\": \"false\"}\n"
          "             }\n"
          "         }\n"
          "     ]\n");
    // The diff applies with patch(1), when it is installed, and gives what --fix writes.
    if (fs::exists("/usr/bin/patch")) {
      dir.write("fix.patch", r.out);
      const std::string cmd = "cd '" + dir.path().string() + "' && /usr/bin/patch -s -p0 < fix.patch";
      REQUIRE(std::system(cmd.c_str()) == 0);
      CHECK(read_file(dir / "deny.json") == k_deny_fixed);
      const auto clean = run({"check", "--diff", "-q", "deny.json"}, at(dir.path()));
      CHECK(clean.exit_code == 0);
      CHECK(clean.out.empty());
    }
  }

  TEST_CASE("--diff patches apply with git apply -p0 and patch -p0 from the working directory") {
    // "./x.json" as given, a file reached through a directory symlink, a name with spaces.
    TempDir dir;
    dir.write("real/deny.json", k_deny);
    dir.write("with space/deny policy.json", k_deny);
    fs::create_directory_symlink("real", dir / "linked");
    const auto r = run({"check", "--diff", "./linked/deny.json", "./with space/deny policy.json"}, at(dir.path()));
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("--- real/deny.json\n+++ real/deny.json\n") != std::string::npos);
    CHECK(r.out.find("--- with space/deny policy.json\t\n") != std::string::npos);
    dir.write("fix.patch", r.out);
    const std::string at_dir = "cd '" + dir.path().string() + "' && ";
    if (fs::exists("/usr/bin/git")) {
      CHECK(std::system((at_dir + "/usr/bin/git apply --check -p0 fix.patch").c_str()) == 0);
    }
    if (fs::exists("/usr/bin/patch")) {
      REQUIRE(std::system((at_dir + "/usr/bin/patch -s -p0 < fix.patch").c_str()) == 0);
      CHECK(read_file(dir / "real/deny.json") == k_deny_fixed);
      CHECK(read_file(dir / "with space/deny policy.json") == k_deny_fixed);
    }
  }

  TEST_CASE("a read-only file is refused and left alone, the other files are fixed, exit 2") {
    TempDir dir;
    dir.write("a.json", k_deny);
    dir.write("b.json", k_deny);
    REQUIRE(::chmod((dir / "a.json").c_str(), 0444) == 0);
    const auto r = run({"check", "--fix", "a.json", "b.json"}, at(dir.path()));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot fix a.json: file is read-only; not modified") != std::string::npos);
    CHECK(read_file(dir / "a.json") == k_deny);
    CHECK(read_file(dir / "b.json") == k_deny_fixed);
    CHECK(r.out.find("a.json") != std::string::npos); // a.json's findings are still reported
  }

  TEST_CASE("standard input is refused with --fix and --diff, before anything is written") {
    TempDir dir;
    dir.write("deny.json", k_deny);
    for (const std::string flag : {"--fix", "--diff"}) {
      RunOptions o = at(dir.path());
      o.with_stdin(std::string(k_deny));
      const auto r = run({"check", flag, "deny.json", "-"}, o);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("standard input cannot be fixed in place") != std::string::npos);
      CHECK(r.out.empty());
      CHECK(read_file(dir / "deny.json") == k_deny);
    }
  }

  TEST_CASE("SARIF carries each fix as replacements with a deleted region and inserted content") {
    TempDir dir;
    dir.write("deny.json", k_deny);
    const auto r = run({"check", "--format", "sarif", "deny.json"}, at(dir.path()));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("policylint: 2 findings have a safe fix: --diff shows them, --fix applies them") !=
          std::string::npos);
    CHECK(r.out.find(R"("fixes": [{"description": {"text": "Clear the host bits: write 203.0.113.0/24"}, )"
                     R"("artifactChanges": [{"artifactLocation": {"uri": "deny.json", "uriBaseId": "%SRCROOT%"}, )"
                     R"("replacements": [{"deletedRegion": {"startLine": 16, "startColumn": 52, "endLine": 16, )"
                     R"("endColumn": 66, "byteOffset": 406, "byteLength": 14}, "insertedContent": {"text": "203.0.113.0/24"}}]}]}])") !=
          std::string::npos);
    CHECK(r.out.find(R"("insertedContent": {"text": ",\n                \"Bool\": {\"aws:ViaAWSService\": \"false\"}"})") !=
          std::string::npos);
    // The log with fixes (an insertion, a replacement, a deletion, non-ASCII text before an
    // edit) is valid SARIF 2.1.0 and passes the GitHub checks of validate_sarif.py (exit 77:
    // skipped, the schema or python3-jsonschema is not there).
    dir.write("mfa.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": "Admins", "Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:user/zoë"}, "Action": "sts:AssumeRole",
  "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}}]})");
    const std::string cmd = "cd '" + dir.path().string() + "' && python3 '" +
                            (source_dir() / "tests/cli/validate_sarif.py").string() + "' '" + binary_path() +
                            "' --expect results deny.json mfa.json >/dev/null 2>&1";
    const int status = std::system(cmd.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK((WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 77));
  }
}
