// One pipeline (docs/architecture.md): every command reads every input format through the one
// loader, and a plain policy is a one-document extraction, so rules, fixes and pointers work the
// same in a template as in a policy file.
#include "cli/process.hpp"

#include <doctest/doctest.h>

using namespace policylint::testing::cli;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A snapshot with one user whose inline policy NEW widens from s3:GetObject to s3:*.
std::string snapshot(const std::string& action) {
  return R"({"UserDetailList": [{"UserName": "alice", "UserId": "AIDAEXAMPLE1", "Path": "/",
  "Arn": "arn:aws:iam::111122223333:user/alice",
  "UserPolicyList": [{"PolicyName": "reports", "PolicyDocument": {"Version": "2012-10-17",
    "Statement": [{"Sid": "Reports", "Effect": "Allow", "Action": ")" +
         action + R"(", "Resource": "arn:aws:s3:::reports/*"}]}}],
  "GroupList": [], "AttachedManagedPolicies": []}],
  "GroupDetailList": [], "RoleDetailList": [], "Policies": []})";
}

// A JSON template whose trust policy lets a user assume the role without MFA through
// BoolIfExists (PL201, whose safe fix turns it into Bool).
constexpr const char* k_template = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "AdminRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                         "Action": "sts:AssumeRole",
                         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                                       "BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}}]
        },
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
      }
    }
  }
}
)";

} // namespace

TEST_CASE("pipeline: diff reads two authorization snapshots and reports the widened inline policy") {
  TempDir dir;
  dir.write("old.json", snapshot("s3:GetObject"));
  dir.write("new.json", snapshot("s3:*"));
  const auto r = run({"diff", "old.json", "new.json"}, at(dir.path()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "new.json:4:19: new access: statement Reports allows s3:"));
  const auto same = run({"diff", "old.json", "old.json"}, at(dir.path()));
  CHECK(same.exit_code == 0);
}

TEST_CASE("pipeline: diff of a template against itself finds nothing, against a wider one finds the role") {
  TempDir dir;
  dir.write("old.json", k_template);
  std::string wider = k_template;
  wider.replace(wider.find("user/alice"), 10, "root");
  dir.write("new.json", wider);
  CHECK(run({"diff", "old.json", "old.json"}, at(dir.path())).exit_code == 0);
  const auto r = run({"diff", "new.json", "new.json"}, at(dir.path()));
  CHECK(r.exit_code == 0);
  const auto widened = run({"diff", "old.json", "new.json"}, at(dir.path()));
  INFO(widened.out << widened.err);
  CHECK(widened.exit_code == 1);
  CHECK(has(widened.out, "sts:AssumeRole"));
}

TEST_CASE("pipeline: simulate evaluates a document of a template, named with --document") {
  TempDir dir;
  dir.write("template.json", k_template);
  const std::vector<std::string> request{"simulate", "--action", "sts:AssumeRole", "--principal",
                                         "arn:aws:iam::111122223333:user/alice", "--context",
                                         "aws:SourceIp=203.0.113.9"};
  // One document: no --document needed.
  auto args = request;
  args.push_back("template.json");
  const auto r = run(args, at(dir.path()));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0); // allowed from inside the range
  auto outside = request;
  outside.back() = "aws:SourceIp=198.51.100.7";
  outside.push_back("template.json");
  CHECK(run(outside, at(dir.path())).exit_code == 1);
  // A file that is not a policy in any format is an error with its position.
  dir.write("broken.json", "{\"Version\": ");
  args.back() = "broken.json";
  const auto broken = run(args, at(dir.path()));
  CHECK(broken.exit_code == 2);
  CHECK(has(broken.err, "broken.json:1:"));
}

TEST_CASE("pipeline: --fix applies the PL201 fix inside a JSON template as in a policy file") {
  TempDir dir;
  dir.write("template.json", k_template);
  const auto before = run({"--select", "PL201", "template.json"}, at(dir.path()));
  INFO(before.out << before.err);
  REQUIRE(has(before.out, "[PL201"));
  const auto fixed = run({"--select", "PL201", "--fix", "template.json"}, at(dir.path()));
  INFO(fixed.out << fixed.err);
  CHECK(has(fixed.err, "applied 1 fix in 1 file"));
  const auto after = run({"--select", "PL201", "template.json"}, at(dir.path()));
  CHECK_FALSE(has(after.out, "[PL201"));
  CHECK(after.exit_code == 0);
  CHECK(has(read_file(dir.path() / "template.json"), R"("Bool": {"aws:MultiFactorAuthPresent": "true"})"));
}

TEST_CASE("pipeline: no fix is offered where the document is not the file's own JSON text") {
  TempDir dir;
  // The same trust policy in YAML: found, but not edited (docs/fixes.md).
  dir.write("template.yaml", R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "arn:aws:iam::111122223333:user/alice"}
            Action: sts:AssumeRole
            Condition: {IpAddress: {aws:SourceIp: 203.0.113.0/24}, BoolIfExists: {aws:MultiFactorAuthPresent: "true"}}
)");
  const auto found = run({"--select", "PL201", "template.yaml"}, at(dir.path()));
  INFO(found.out << found.err);
  CHECK(has(found.out, "[PL201"));
  const auto diff = run({"--select", "PL201", "--diff", "template.yaml"}, at(dir.path()));
  CHECK(diff.exit_code == 0);
  CHECK(diff.out.empty());
}
