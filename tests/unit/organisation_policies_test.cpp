// SCPs and RCPs in evaluation (docs/evaluator.md, "Organisation policies"): their Denies deny,
// their Allows grant nothing, an SCP with Allow statements must also allow, service-linked
// roles are exempt; the query engine searches the same rule; policy types from the input's
// context and the type rules (PL026-PL028) read them.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/engine.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>

using namespace policylint;

namespace {

struct Built {
  std::unique_ptr<SourceFile> file;
  policy::Policy policy;
};

Built build(const std::string& text, std::optional<policy::PolicyType> type = std::nullopt) {
  Built b{std::make_unique<SourceFile>("p.json", text), {}};
  auto root = json::parse(*b.file);
  REQUIRE(root);
  policy::BuildOptions options;
  options.type = type;
  b.policy = policy::build_policy(*root, options).policy;
  return b;
}

const std::string k_admin = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]})";

// The seed's guard done at the top: deny outside the office, except calls AWS services make.
const std::string k_ip_scp = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "DenyOutsideOffice", "Effect": "Deny", "Action": "*", "Resource": "*",
   "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]},
                 "Bool": {"aws:ViaAWSService": "false"}}}]})";

// An allow-list SCP: only S3 and EC2 are let through.
const std::string k_allow_list_scp = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "OnlyStorageAndCompute", "Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"}]})";

eval::Request request(std::string action, std::string ip, std::string principal = "arn:aws:iam::111122223333:user/alice") {
  eval::Request r;
  r.action = std::move(action);
  r.resource = "*";
  r.principal = std::move(principal);
  r.set_context("aws:SourceIp", {std::move(ip)});
  r.set_context("aws:ViaAWSService", {"false"});
  return r;
}

} // namespace

TEST_CASE("organisation policies: an SCP Deny denies, its Allow grants nothing") {
  const auto admin = build(k_admin);
  const auto scp = build(k_ip_scp, policy::PolicyType::scp);
  CHECK(scp.policy.is_guardrail());
  CHECK(scp.policy.kind == policy::PolicyKind::identity);
  const std::array<const policy::Policy*, 2> set{&admin.policy, &scp.policy};
  CHECK(eval::evaluate(set, request("iam:CreateUser", "198.51.100.7")).decision == eval::Decision::explicit_deny);
  CHECK(eval::evaluate(set, request("iam:CreateUser", "192.0.2.10")).decision == eval::Decision::allowed);
  // A service calling for the user from AWS's addresses is exempt, as the SCP says.
  auto via = request("ec2:RunInstances", "52.94.76.10");
  via.set_context("aws:ViaAWSService", {"true"});
  CHECK(eval::evaluate(set, via).decision == eval::Decision::allowed);
  // Service-linked roles are outside every SCP and RCP.
  CHECK(eval::evaluate(set, request("iam:CreateUser", "198.51.100.7",
                                    "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/"
                                    "AWSServiceRoleForElasticLoadBalancing"))
            .decision == eval::Decision::allowed);
  // Alone, an SCP grants nothing.
  const std::array<const policy::Policy*, 1> only{&scp.policy};
  CHECK(eval::evaluate(only, request("iam:CreateUser", "192.0.2.10")).decision == eval::Decision::implicit_deny);
}

TEST_CASE("organisation policies: an SCP with Allow statements must allow too") {
  const auto admin = build(k_admin);
  const auto scp = build(k_allow_list_scp, policy::PolicyType::scp);
  const std::array<const policy::Policy*, 2> set{&admin.policy, &scp.policy};
  const auto allowed = eval::evaluate(set, request("s3:GetObject", "192.0.2.10"));
  CHECK(allowed.decision == eval::Decision::allowed);
  REQUIRE(allowed.deciding.size() == 1); // the grant, not the SCP's Allow
  CHECK(allowed.deciding[0].policy == &admin.policy);
  CHECK(eval::evaluate(set, request("iam:CreateUser", "192.0.2.10")).decision == eval::Decision::implicit_deny);

  // The query engine searches the same rule: IAM is out of reach, S3 is not.
  query::Engine engine(set);
  query::Query iam;
  iam.actions = {"iam:*"};
  CHECK_FALSE(engine.find(iam).has_value());
  query::Query s3;
  s3.actions = {"s3:GetObject"};
  const auto found = engine.find(s3);
  REQUIRE(found.has_value());
  CHECK(found->evaluation.decision == eval::Decision::allowed);
  query::Query denied_iam;
  denied_iam.actions = {"iam:CreateUser"};
  denied_iam.outcome = query::Outcome::implicit_deny;
  CHECK(engine.find(denied_iam).has_value());
}

TEST_CASE("organisation policies: an RCP only denies") {
  const auto bucket = build(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})");
  const auto rcp = build(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "RCPFullAWSAccess", "Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
    {"Sid": "OrgOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
     "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcd1234ef"}}}]})",
                         policy::PolicyType::rcp);
  CHECK(rcp.policy.kind == policy::PolicyKind::resource);
  const std::array<const policy::Policy*, 2> set{&bucket.policy, &rcp.policy};
  eval::Request r;
  r.action = "s3:GetObject";
  r.resource = "arn:aws:s3:::b/report.csv";
  r.principal = "arn:aws:iam::999988887777:user/outsider";
  r.set_context("aws:PrincipalOrgID", {"o-other00000"});
  CHECK(eval::evaluate(set, r).decision == eval::Decision::explicit_deny);
  r.set_context("aws:PrincipalOrgID", {"o-abcd1234ef"});
  CHECK(eval::evaluate(set, r).decision == eval::Decision::allowed);
  // RCPFullAWSAccess grants nothing by itself.
  CHECK(eval::evaluate(rcp.policy, r).decision == eval::Decision::implicit_deny);
}

TEST_CASE("policy types: the SCP and RCP rules read the type the template gives") {
  const std::string scp_template = R"({"Resources": {"Guard": {"Type": "AWS::Organizations::Policy", "Properties": {
    "Name": "guard", "Type": "SERVICE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [
      {"Sid": "NoRoles", "Effect": "Deny", "Action": ["iam:*Role", "iam:Delete*"], "Resource": "*"}]}}}}})";
  const auto scp = testing::lint_only(scp_template, "PL026");
  REQUIRE(scp.size() == 1);
  CHECK(scp[0].location.start == testing::position_of(scp_template, "\"iam:*Role\""));
  // The same document as a plain file is an identity policy: not judged as an SCP.
  CHECK(testing::lint_only(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "NoRoles", "Effect": "Deny", "Action": ["iam:*Role"], "Resource": "*"}]})", "PL026").empty());
  // An SCP grants nothing: PL101 does not read FullAWSAccess as administrator access.
  const std::string full_access = R"({"Resources": {"Full": {"Type": "AWS::Organizations::Policy", "Properties": {
    "Name": "full", "Type": "SERVICE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "*", "Resource": "*"}]}}}}})";
  CHECK(testing::lint_only(full_access, "PL101").empty());
  // A tag policy is not an IAM policy: nothing is read from it.
  CHECK(testing::lint_text(R"({"Resources": {"Tags": {"Type": "AWS::Organizations::Policy", "Properties": {
    "Name": "tags", "Type": "TAG_POLICY", "Content": {"tags": {}}}}}})").empty());
}

TEST_CASE("policy types: RCP syntax, and a bucket policy naming another service") {
  const std::string rcp_template = R"({"Resources": {"Perimeter": {"Type": "AWS::Organizations::Policy", "Properties": {
    "Name": "perimeter", "Type": "RESOURCE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [
      {"Sid": "Perimeter", "Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"},
      {"Sid": "Grant", "Effect": "Allow", "Principal": "*", "Action": ["ec2:RunInstances"], "Resource": "*"}]}}}}})";
  const auto rcp = testing::lint_only(rcp_template, "PL027");
  REQUIRE(rcp.size() == 3); // NotAction; the Allow; the ec2 action
  CHECK(testing::contains(rcp[0].message, "NotAction"));
  CHECK(rcp[1].location.start == testing::position_of(rcp_template, "\"Allow\""));
  CHECK(rcp[2].location.start == testing::position_of(rcp_template, "\"ec2:RunInstances\""));

  const std::string bucket = R"({"Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {
    "Bucket": "b", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
      {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
       "Action": ["s3:GetObject", "sqs:SendMessage"],
       "Resource": ["arn:aws:s3:::b/*", "arn:aws:sqs:us-east-1:111122223333:q"]}]}}}}})";
  const auto foreign = testing::lint_only(bucket, "PL028");
  REQUIRE(foreign.size() == 2);
  CHECK(foreign[0].location.start == testing::position_of(bucket, "\"sqs:SendMessage\""));
  CHECK(foreign[1].location.start == testing::position_of(bucket, "\"arn:aws:sqs:us-east-1:111122223333:q\""));
  // A VPC endpoint policy governs every service: its service is not known, nothing is judged.
  CHECK(testing::lint_only(R"({"Resources": {"E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {
    "VpcId": "vpc-1a2b3c4d", "ServiceName": "com.amazonaws.us-east-1.s3", "PolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*",
      "Resource": "*"}]}}}}})", "PL028").empty());
}

TEST_CASE("PL029 create-slr-on-any-resource: any service, unless iam:AWSServiceName or a Deny narrows it") {
  const std::string open = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Slr", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}]})";
  const auto ds = testing::lint_only(open, "PL029");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(open, "\"iam:*\""));
  CHECK(ds[0].counterexample.has_value());
  CHECK(testing::lint_only(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Slr", "Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*",
     "Condition": {"StringLike": {"iam:AWSServiceName": "*.elasticloadbalancing.amazonaws.com"}}}]})", "PL029").empty());
  CHECK(testing::lint_only(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Slr", "Effect": "Allow", "Action": "iam:CreateServiceLinkedRole",
     "Resource": "arn:aws:iam::*:role/aws-service-role/elasticloadbalancing.amazonaws.com/*"}]})", "PL029").empty());
  CHECK(testing::lint_only(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Slr", "Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"},
    {"Sid": "NoSlr", "Effect": "Deny", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}]})", "PL029").empty());
}

TEST_CASE("PL030 resource-arn-unknown-service and PL031 tag-key-unsupported-by-service") {
  const std::string arn = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Data", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s4:::reports/*",
     "arn:aws:s3:::b", "arn:aws:*:*:*:*", "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/*"]}]})";
  const auto unknown = testing::lint_only(arn, "PL030");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].location.start == testing::position_of(arn, "\"arn:aws:s4:::reports/*\""));

  const std::string tags = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Team", "Effect": "Allow", "Action": ["ec2:StartInstances", "cloudshell:CreateEnvironment"],
     "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "payments"}}},
    {"Sid": "Negated", "Effect": "Allow", "Action": ["cloudshell:CreateEnvironment"],
     "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "payments"}}}]})";
  const auto unsupported = testing::lint_only(tags, "PL031");
  REQUIRE(unsupported.size() == 1);
  CHECK(testing::contains(unsupported[0].message, "cloudshell"));
  CHECK(unsupported[0].statement == "Team");
}

TEST_CASE("policy types: PL102 judges an SCP's address guard, with or without the service exemption") {
  const auto scp_template = [](const std::string& condition) {
    return R"({"Resources": {"Office": {"Type": "AWS::Organizations::Policy", "Properties": {
    "Name": "office", "Type": "SERVICE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [
      {"Sid": "DenyOutsideOffice", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": )" +
           condition + "}]}}}}}";
  };
  const auto raw = testing::lint_only(scp_template(R"({"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}})"), "PL102");
  CHECK(raw.size() == 1);
  CHECK(testing::lint_only(scp_template(R"({"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]},
      "Bool": {"aws:ViaAWSService": "false"}})"), "PL102").empty());
}

TEST_CASE("policy types: a template's own SCP binds its other documents (PL101)") {
  const std::string admin = R"("Admin": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]}}})";
  const std::string scp = R"("Office": {"Type": "AWS::Organizations::Policy", "Properties": {
    "Name": "office", "Type": "SERVICE_CONTROL_POLICY", "Content": {"Version": "2012-10-17", "Statement": [
      {"Sid": "DenyOutsideOffice", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {
        "NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}, "Bool": {"aws:ViaAWSService": "false"}}}]}}})";
  CHECK(testing::lint_only(R"({"Resources": {)" + admin + "}}", "PL101").size() == 1);
  CHECK(testing::lint_only(R"({"Resources": {)" + admin + ", " + scp + "}}", "PL101").empty());
}

TEST_CASE("policy types: a permissions boundary or a session policy grants nothing, and a session policy has 2,048 characters") {
  const auto lint_as = [](const std::string& text, std::optional<policy::PolicyType> type) {
    const SourceFile file("p.json", text);
    engine::LintOptions options;
    options.policy_type = type;
    return testing::codes_of(engine::lint_source(file, options));
  };
  const auto has = [](const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  // The usual boundary: everything but IAM. As an identity policy it is an escalation path
  // (PL401) and nearly an administrator; as a boundary it only limits.
  const std::string boundary = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
    {"Effect": "Allow", "Action": ["iam:PassRole", "iam:CreatePolicyVersion"], "Resource": "*"}]})";
  CHECK(has(lint_as(boundary, std::nullopt), "PL401"));
  for (const auto type : {policy::PolicyType::boundary, policy::PolicyType::session}) {
    const auto codes = lint_as(boundary, type);
    CHECK_FALSE(has(codes, "PL401"));
    CHECK_FALSE(has(codes, "PL402"));
  }
  // Validity rules still judge it: a typo is reported whatever the type.
  const std::string typo = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]})";
  CHECK(has(lint_as(typo, policy::PolicyType::boundary), "PL005"));
  // 2,500 characters: within an identity policy's 6,144, over a session policy's 2,048.
  std::string actions;
  for (int i = 0; i < 100; ++i) {
    actions += std::string(actions.empty() ? "" : ",") + "\"s3:GetObjectVersionTagging\"";
  }
  const std::string long_policy =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [)" + actions + R"(], "Resource": "*"}]})";
  CHECK_FALSE(has(lint_as(long_policy, std::nullopt), "PL012"));
  CHECK(has(lint_as(long_policy, policy::PolicyType::session), "PL012"));
}
