// -j N: files are linted on N threads, and the report is byte-identical to a single-thread run.
#include "process.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint::testing::cli;

namespace {

RunResult check_with(const std::string& jobs, const fs::path& dir, const std::string& format) {
  return run({binary_path(), "-j", jobs, "--format", format, "--exit-zero", dir.string()}, at(source_dir()));
}

} // namespace

TEST_CASE("-j: the sample policies give the same report on 1 2 3 and 16 threads") {
  // Every input kind of the samples: policies, templates, plans and snapshots (cross-policy
  // findings included), in two formats.
  const fs::path dir = source_dir() / "sample-policies";
  for (const std::string format : {"json", "text"}) {
    const auto one = check_with("1", dir, format);
    REQUIRE_MESSAGE(one.exit_code == 0, describe(one));
    REQUIRE(count_of(one.out, "PL") > 5);
    for (const std::string jobs : {"2", "3", "16"}) {
      CAPTURE(jobs);
      const auto many = check_with(jobs, dir, format);
      REQUIRE_MESSAGE(many.exit_code == 0, describe(many));
      CHECK(many.out == one.out);
      CHECK(many.err == one.err);
    }
  }
}

TEST_CASE("-j: the managed policy corpus gives the same report on 1 and 2 threads") {
  const fs::path dir = source_dir() / ".." / "shared" / "corpora" / "aws-managed" / "latest";
  if (!fs::is_directory(dir)) {
    MESSAGE("skipped: no AWS managed policy corpus at " << dir.string());
    return;
  }
  RunOptions options = at(source_dir());
  options.timeout_s = 600;
  const auto one = run({binary_path(), "-j", "1", "--format", "json", "--exit-zero", dir.string()}, options);
  const auto two = run({binary_path(), "-j", "2", "--format", "json", "--exit-zero", dir.string()}, options);
  REQUIRE_MESSAGE(one.exit_code == 0, describe(one));
  REQUIRE_MESSAGE(two.exit_code == 0, describe(two));
  CHECK(count_of(one.out, "\"code\"") > 100);
  CHECK(two.out == one.out);
}

namespace {

std::string inline_policy(const std::string& name, const std::string& effect, const std::string& actions) {
  return R"({"PolicyName": ")" + name + R"(", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": ")" +
         effect + R"(", "Action": )" + actions + R"(, "Resource": "*"}]}})";
}

// 60 users: the even ones hold iam:PassRole and Lambda's create-and-invoke in two inline
// policies, the odd ones through the group "builders" (one shared set of documents), every
// sixth is denied lambda:CreateFunction. 130 documents: enough for one file's documents to be
// linted on several threads, and PL908 searches many sets.
std::string split_grant_snapshot() {
  const std::string pass = inline_policy("pass", "Allow", R"("iam:PassRole")");
  const std::string compute = inline_policy("compute", "Allow", R"(["lambda:CreateFunction", "lambda:InvokeFunction"])");
  std::string users;
  for (int i = 0; i < 60; ++i) {
    std::string policies = i % 2 == 0 ? pass + ", " + compute
                                      : inline_policy("reports", "Allow", R"("s3:GetObject")");
    if (i % 6 == 0) {
      policies += ", " + inline_policy("no-lambda", "Deny", R"("lambda:CreateFunction")");
    }
    const std::string name = "u-" + std::to_string(i);
    users += std::string(i == 0 ? "" : ",\n") + R"({"UserName": ")" + name + R"(", "UserId": "AIDAEXAMPLE)" +
             std::to_string(1000 + i) + R"(", "Path": "/", "Arn": "arn:aws:iam::111122223333:user/)" + name +
             R"(", "UserPolicyList": [)" + policies + R"(], "GroupList": [)" + (i % 2 == 0 ? "" : R"("builders")") +
             R"(], "AttachedManagedPolicies": []})";
  }
  return R"({"UserDetailList": [)" + users + R"(],
  "GroupDetailList": [{"GroupName": "builders", "GroupId": "AGPAEXAMPLE0001", "Path": "/",
    "Arn": "arn:aws:iam::111122223333:group/builders", "GroupPolicyList": [)" +
         pass + ", " + compute + R"(], "AttachedManagedPolicies": []}],
  "RoleDetailList": [], "Policies": []})";
}

} // namespace

TEST_CASE("-j: one snapshot's documents and cross-policy rules give the same report on 1, 2 and 3 threads") {
  TempDir tmp;
  write_file(tmp.path() / "account.json", split_grant_snapshot());
  for (const std::string format : {"json", "text"}) {
    const auto one = check_with("1", tmp.path(), format);
    REQUIRE_MESSAGE(one.exit_code == 0, describe(one));
    // 30 even users less 5 denied, and all 30 group members: the split grant is found, the Deny counts.
    CHECK(count_of(one.out, "PL908") == 50);
    CHECK_FALSE(contains(one.out, "user/u-6 can escalate"));
    CHECK(contains(one.out, "user/u-4 can escalate"));
    CHECK(contains(one.out, "user/u-7 can escalate"));
    for (const std::string jobs : {"2", "3"}) {
      CAPTURE(jobs);
      const auto many = check_with(jobs, tmp.path(), format);
      REQUIRE_MESSAGE(many.exit_code == 0, describe(many));
      CHECK(many.out == one.out);
      CHECK(many.err == one.err);
    }
  }
}
