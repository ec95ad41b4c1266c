// `policylint diff` end to end (docs/diff.md): two files, two directories, a git revision;
// the three formats; exit codes 0 (no new access), 1 (new access), 2 (error).
#include "cli/process.hpp"

#include <doctest/doctest.h>

#include <spawn.h>

using namespace policylint::testing::cli;

namespace {

constexpr const char* k_old = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "Admin", "Effect": "Allow", "Action": "iam:*", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}
)";

// Adds s3:PutObject and widens the Admin range to a /23.
constexpr const char* k_new = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "Admin", "Effect": "Allow", "Action": "iam:*", "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.112.0/23"}}},
    {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}
)";

// Narrower than k_old: a smaller range, and the Read grant split into a conditional one.
constexpr const char* k_narrower = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2024/*"},
    {"Sid": "Admin", "Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/25"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}}
  ]
}
)";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Runs a program by name with an argument vector (no shell); -1 when it cannot start.
int spawn_wait(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> strings{"/usr/bin/env", "-C", cwd.string()};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<char*> argv = c_strings(strings);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return -1;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("diff: two files, new access is reported per action class with the statement responsible") {
  TempDir dir;
  dir.write("old.json", k_old);
  dir.write("new.json", k_new);
  const auto r = run({"diff", "old.json", "new.json"}, at(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "new.json:4:5: new access: statement Read allows s3:PutObject"));
  // The widened range: an address in 203.0.112.0/24, outside the old /24.
  CHECK(has(r.out, "new.json:5:5: new access: statement Admin allows iam:"));
  CHECK(has(r.out, "aws:SourceIp=203.0.112."));
  CHECK(has(r.out, "2 new access paths in 1 of 1 file compared"));
  CHECK_FALSE(has(r.out, "DeleteObject")); // still denied
}

TEST_CASE("diff: no new access when NEW is the same or narrower") {
  TempDir dir;
  dir.write("old.json", k_old);
  dir.write("narrower.json", k_narrower);
  const auto same = run({"diff", "old.json", "old.json"}, at(dir.path()));
  CHECK(same.exit_code == 0);
  CHECK(has(same.out, "no new access (1 file compared)"));
  const auto narrower = run({"diff", "old.json", "narrower.json"}, at(dir.path()));
  CHECK(narrower.exit_code == 0);
  // And the other way round everything that was cut is new access.
  const auto wider = run({"diff", "narrower.json", "old.json"}, at(dir.path()));
  CHECK(wider.exit_code == 1);
}

TEST_CASE("diff: the counterexample names the absent key that makes the difference") {
  // Bool -> BoolIfExists on MFA: long-term keys (no MFA key at all) now pass.
  const std::string mfa = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Admin", "Effect": "Allow", "Action": "iam:*",
    "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}
)";
  std::string if_exists = mfa;
  if_exists.replace(if_exists.find("\"Bool\""), 6, "\"BoolIfExists\"");
  TempDir dir;
  dir.write("old.json", mfa);
  dir.write("new.json", if_exists);
  const auto r = run({"diff", "old.json", "new.json"}, at(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "aws:SourceIp=203.0.113.0"));
  CHECK(has(r.out, "aws:MultiFactorAuthPresent absent"));
  const auto json = run({"diff", "--format", "json", "old.json", "new.json"}, at(dir.path()));
  CHECK(has(json.out, R"("absentKeys": ["aws:MultiFactorAuthPresent"])"));
}

TEST_CASE("diff: new access to a KMS key or a role states what its own policy must allow") {
  TempDir dir;
  dir.write("old.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  dir.write("new.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt", "sts:AssumeRole"], "Resource": "*"}]})");
  const auto r = run({"diff", "old.json", "new.json"}, at(dir.path()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "allows kms:Decrypt, which the old version does not (implicit-deny in old.json; the key policy "
                   "must also allow kms:Decrypt; assumed: the default key policy, which delegates to IAM policies)"));
  CHECK(has(r.out, "the role's trust policy must also allow sts:AssumeRole; assumed to"));
  const auto json = run({"diff", "--format", "json", "old.json", "new.json"}, at(dir.path()));
  CHECK(has(json.out, "the key policy must also allow kms:Decrypt"));
  // A key policy is the resource's own: nothing else is assumed for it.
  dir.write("old-key.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:Encrypt", "Resource": "*"}]})");
  dir.write("new-key.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}]})");
  const auto key = run({"diff", "old-key.json", "new-key.json"}, at(dir.path()));
  INFO(key.out << key.err);
  CHECK(key.exit_code == 1);
  CHECK(has(key.out, "kms:Decrypt"));
  CHECK_FALSE(has(key.out, "must also allow"));
}

// Issue 18 item 6: both actions on both ARNs, but no request names a bucket ARN for an object
// action or an object ARN for a bucket action (the typed request space, docs/query.md).
TEST_CASE("diff: merging object and bucket statements into one is no new access") {
  TempDir dir;
  dir.write("old.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::acme-data/*"},
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::acme-data"}]})");
  dir.write("merged.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::acme-data/*", "arn:aws:s3:::acme-data"]}]})");
  const auto r = run({"diff", "old.json", "merged.json"}, at(dir.path()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "no new access (1 file compared)"));
  CHECK_FALSE(has(r.out, "approximation")); // a proof, not a bound
  // Widening the bucket is new access, each counterexample of its action's type.
  dir.write("wider.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::acme-*"}]})");
  const auto wider = run({"diff", "old.json", "wider.json"}, at(dir.path()));
  INFO(wider.out << wider.err);
  CHECK(wider.exit_code == 1);
  CHECK(has(wider.out, "counterexample: s3:GetObject on arn:aws:s3:::acme-x/x "));
  CHECK(has(wider.out, "counterexample: s3:ListBucket on arn:aws:s3:::acme-x "));
  CHECK(has(wider.out, "2 new access paths in 1 of 1 file compared"));
  // An action class of several resource types (s3:*) is reported with a request of one of them.
  dir.write("star.json", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::acme-data"}]})");
  const auto star = run({"diff", "--format", "json", "old.json", "star.json"}, at(dir.path()));
  INFO(star.out << star.err);
  CHECK(star.exit_code == 1);
  CHECK_FALSE(has(star.out, R"("action": "s3:GetObject")"));
  CHECK_FALSE(has(star.out, R"("action": "s3:AbortMultipartUpload")")); // an object action, first in the class
}

TEST_CASE("diff: removing a Deny is new access") {
  TempDir dir;
  dir.write("old.json", k_old);
  std::string without_deny = k_old;
  const auto cut = without_deny.find(",\n    {\"Sid\": \"NoDelete\"");
  without_deny.erase(cut, without_deny.find("}\n  ]") - cut + 1);
  without_deny.replace(without_deny.find("\"s3:GetObject\""), 14, "\"s3:*Object\"");
  dir.write("new.json", without_deny);
  const auto r = run({"diff", "old.json", "new.json"}, at(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "statement Read allows s3:"));
}

TEST_CASE("diff: directories are matched by relative path, added files are all new, removed ones ignored") {
  TempDir dir;
  dir.write("old/team/a.json", k_old);
  dir.write("old/gone.json", k_old);
  dir.write("new/team/a.json", k_old);
  dir.write("new/added.json",
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]})");
  const auto r = run({"diff", "old", "new"}, at(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "new/added.json:1:41: new access: statement #1 allows sqs:SendMessage"));
  CHECK(has(r.out, "(the file is new)"));
  CHECK_FALSE(has(r.out, "team/a.json"));
  CHECK(has(r.out, "1 new access path in 1 of 2 files compared"));
}

TEST_CASE("diff: json and sarif formats") {
  TempDir dir;
  dir.write("old.json", k_old);
  dir.write("new.json", k_new);
  const auto json = run({"diff", "--format", "json", "old.json", "new.json"}, at(dir.path()));
  CHECK(json.exit_code == 1);
  CHECK(has(json.out, R"({"files_compared": 1, "exact": true, "new_access": [)"));
  CHECK(has(json.out, R"("statement": "Read", "action": "s3:PutObject", "old_decision": "implicit-deny")"));
  CHECK(has(json.out, R"("counterexample": {"request": {"action": "s3:PutObject")"));
  const auto sarif = run({"diff", "-f", "sarif", "-o", "out.sarif", "old.json", "new.json"}, at(dir.path()));
  CHECK(sarif.exit_code == 1);
  const std::string log = read_file(dir / "out.sarif");
  CHECK(has(log, R"("ruleId": "new-access")"));
  // Validate as tests/cli/validate_sarif.py does: the SARIF 2.1.0 schema plus GitHub's rules.
  dir.write("check.py", R"(import json, os, sys
sys.path.insert(0, sys.argv[1])
import validate_sarif as v
if not os.path.exists(v.SCHEMA):
    sys.exit(77)
raw = open(sys.argv[2], "rb").read()
log = json.loads(raw)
problems = v.schema_errors(v.load_validator(), log) + v.github_problems(raw, log)
print("\n".join(problems), file=sys.stderr)
sys.exit(1 if problems else 0)
)");
  const int rc = spawn_wait({"python3", "check.py", (source_dir() / "tests" / "cli").string(), "out.sarif"}, dir.path());
  if (rc == 77 || rc == -1 || rc == 127) {
    MESSAGE("SARIF schema or python3 not available: schema check skipped");
  } else {
    CHECK(rc == 0);
  }
}

TEST_CASE("diff: --git-base compares with the committed version, missing at REV means new") {
  TempDir dir;
  if (spawn_wait({"git", "--version"}, dir.path()) != 0) {
    MESSAGE("git not available: skipped");
    return;
  }
  dir.write("policies/a.json", k_old);
  REQUIRE(spawn_wait({"git", "init", "-q"}, dir.path()) == 0);
  REQUIRE(spawn_wait({"git", "add", "."}, dir.path()) == 0);
  REQUIRE(spawn_wait({"git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base"},
                     dir.path()) == 0);
  const auto unchanged = run({"diff", "--git-base", "HEAD", "policies"}, at(dir.path()));
  CHECK(unchanged.exit_code == 0);
  dir.write("policies/a.json", k_new);
  dir.write("policies/b.json",
            R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]})");
  const auto changed = run({"diff", "--git-base", "HEAD", "policies"}, at(dir.path()));
  CHECK(changed.exit_code == 1);
  CHECK(has(changed.out, "implicit-deny in policies/a.json@HEAD"));
  CHECK(has(changed.out, "policies/b.json:1:41:"));
  const auto bad_rev = run({"diff", "--git-base", "no-such-revision", "policies"}, at(dir.path()));
  CHECK(bad_rev.exit_code == 2);
  CHECK(has(bad_rev.err, "no-such-revision"));
  const auto option_like = run({"diff", "--git-base=--output=x", "policies"}, at(dir.path()));
  CHECK(option_like.exit_code == 2);
}

TEST_CASE("diff: errors exit 2 with a position") {
  TempDir dir;
  dir.write("old.json", k_old);
  dir.write("broken.json", "{\"Version\": \"2012-10-17\",\n  \"Statement\": [}\n");
  const auto broken = run({"diff", "old.json", "broken.json"}, at(dir.path()));
  CHECK(broken.exit_code == 2);
  CHECK(has(broken.err, "broken.json:2:"));
  CHECK(run({"diff", "old.json", "missing.json"}, at(dir.path())).exit_code == 2);
  CHECK(run({"diff", "old.json"}, at(dir.path())).exit_code == 2);
  dir.write("d/x.json", k_old);
  CHECK(run({"diff", "old.json", "d"}, at(dir.path())).exit_code == 2);
}

TEST_CASE("diff: trust policies report one request per newly admitted caller") {
  TempDir dir;
  dir.write("old.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy"}, "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})");
  dir.write("new.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::111122223333:role/deploy", "444455556666"]}, "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]})");
  const auto r = run({"diff", "old.json", "new.json"}, at(dir.path()));
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "allows sts:AssumeRole to arn:aws:iam::444455556666:user/policylint-user"));
  CHECK(has(r.out, "aws:MultiFactorAuthPresent=true"));
  CHECK_FALSE(has(r.out, "to arn:aws:iam::111122223333:role/deploy")); // unchanged for the old caller
  CHECK(has(r.out, "1 new access path in 1 of 1 file compared"));
}
