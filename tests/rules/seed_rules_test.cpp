// The four seed rules, decided by meaning: each case is a realistic policy, the expected
// verdict, and — when the rule fires — a counterexample that the evaluator must confirm.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string identity(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}

constexpr const char* k_admin = R"({"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"})";
constexpr const char* k_user = R"("arn:aws:iam::111122223333:user/test-user")";

std::string trust(const std::string& condition, const std::string& principal = std::string(R"({"AWS": )") + k_user + "}",
                  const std::string& extra = "") {
  std::string st = R"({"Effect": "Allow", "Principal": )" + principal + R"(, "Action": "sts:AssumeRole")";
  if (!condition.empty()) {
    st += R"(, "Condition": )" + condition;
  }
  st += "}";
  return R"({"Version": "2012-10-17", "Statement": [)" + st + extra + "]}";
}

// Lints with one rule; checks every counterexample against a fresh evaluation.
std::vector<engine::Diagnostic> run_rule(const std::string& text, const std::string& code) {
  auto findings = testing::lint_text(text, {code});
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    CHECK(d.rule->code == code);
    REQUIRE(d.counterexample.has_value());
    const auto again = eval::evaluate(built.policy, d.counterexample->request);
    CHECK(again.decision == d.counterexample->decision);
    for (const auto& absent : d.counterexample->absent_keys) {
      CHECK(d.counterexample->request.context_values(absent) == nullptr);
    }
  }
  return findings;
}

const std::vector<std::string>* context(const engine::Diagnostic& d, const std::string& key) {
  return d.counterexample->request.context_values(key);
}

} // namespace

TEST_CASE("PL101 action-star-without-source-ip-deny") {
  SUBCASE("AdministratorAccess alone: admin from anywhere, with the address and action") {
    const auto f = run_rule(identity(k_admin), "PL101");
    REQUIRE(f.size() == 1);
    CHECK(f[0].location.start.line == 1);
    CHECK(f[0].counterexample->request.action == "iam:CreateAccessKey");
    REQUIRE(context(f[0], "aws:SourceIp") != nullptr);
    CHECK(context(f[0], "aws:SourceIp")->front() == "198.51.100.23");
    CHECK(f[0].counterexample->decision == eval::Decision::allowed);
  }
  SUBCASE("every spelling of all actions") {
    CHECK(run_rule(identity(R"({"Effect": "Allow", "Action": "*:*", "Resource": "*"})"), "PL101").size() == 1);
    CHECK(run_rule(identity(R"({"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": "*"})"), "PL101").size() == 1);
  }
  SUBCASE("the seed's deny on every action from outside the office is a guard") {
    const std::string deny =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + deny), "PL101").empty());
    const std::string if_exists =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + if_exists), "PL101").empty());
    const std::string with_exemption =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:ViaAWSService": "false"}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + with_exemption), "PL101").empty());
  }
  SUBCASE("a deny covering only s3:* leaves IAM reachable") {
    const std::string deny =
        R"({"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})";
    const auto f = run_rule(identity(std::string(k_admin) + "," + deny), "PL101");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.action == "iam:CreateAccessKey");
  }
  SUBCASE("a blocklist written with IpAddress is no allow-list") {
    const std::string deny =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["198.51.100.0/24"]}}})";
    const auto f = run_rule(identity(std::string(k_admin) + "," + deny), "PL101");
    REQUIRE(f.size() == 1);
    const auto* ip = context(f[0], "aws:SourceIp");
    REQUIRE(ip != nullptr);
    CHECK(ip->front().rfind("198.51.100.", 0) != 0); // outside the blocked range
  }
  SUBCASE("an allow-list of 0.0.0.0/0 guards nothing") {
    const std::string deny =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["0.0.0.0/0"]}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + deny), "PL101").size() == 1);
  }
  SUBCASE("an allow only from the office is not reachable from elsewhere") {
    const std::string allow =
        R"({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})";
    CHECK(run_rule(identity(allow), "PL101").empty());
  }
  SUBCASE("assuming roles from anywhere is the recommended design: the same answer with or without Allow *") {
    const std::string outside_assume_role =
        R"({"Effect": "Deny", "NotAction": "sts:AssumeRole", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + outside_assume_role), "PL101").empty());
    CHECK(run_rule(identity(R"({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"})"), "PL101").empty());
    // Anything else left outside the Deny is still administrator access from anywhere.
    const std::string leaves_s3 =
        R"({"Effect": "Deny", "NotAction": ["sts:AssumeRole", "s3:GetObject"], "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})";
    const auto f = run_rule(identity(std::string(k_admin) + "," + leaves_s3), "PL101");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.action == "s3:GetObject");
  }
  SUBCASE("every action allowed without a \"*\" written: iam:* beside NotAction iam:*") {
    const std::string split =
        R"({"Sid": "Iam", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}, {"Sid": "Rest", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})";
    const auto f = run_rule(identity(split), "PL101");
    REQUIRE(f.size() == 1);
    CHECK(f[0].statement == "Iam");
    CHECK(f[0].counterexample->request.action == "iam:CreateAccessKey");
    CHECK(f[0].message.find("no statement writes") != std::string::npos);
    // The seed's guard answers it as it answers "*".
    const std::string deny =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}})";
    CHECK(run_rule(identity(split + "," + deny), "PL101").empty());
    // Everything but S3 is not everything: the escalation rules (PL401) speak for it.
    CHECK(run_rule(identity(R"({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"})"), "PL101").empty());
  }
  SUBCASE("not administrator access") {
    CHECK(run_rule(identity(R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})"), "PL101").empty());
    CHECK(run_rule(identity(R"({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::example-bucket/*"})"), "PL101").empty());
    CHECK(run_rule(identity(R"({"Effect": "Deny", "Action": "*", "Resource": "*"})"), "PL101").empty());
  }
}

TEST_CASE("PL102 raw-source-ip-breaks-service-calls") {
  const std::string raw_deny =
      R"({"Sid": "SourceIPRestriction", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}})";
  SUBCASE("admin user with the raw deny: CloudFormation's call is denied") {
    const auto f = run_rule(identity(std::string(k_admin) + "," + raw_deny), "PL102");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->decision == eval::Decision::explicit_deny);
    CHECK(f[0].counterexample->request.action == "ec2:RunInstances");
    REQUIRE(context(f[0], "aws:ViaAWSService") != nullptr);
    CHECK(context(f[0], "aws:ViaAWSService")->front() == "true");
    CHECK(f[0].statement == "SourceIPRestriction");
  }
  SUBCASE("the exemption for service calls silences it") {
    const std::string exempt =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:ViaAWSService": "false"}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + exempt), "PL102").empty());
    const std::string called_via =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Null": {"aws:CalledVia": "true"}}})";
    CHECK(run_rule(identity(std::string(k_admin) + "," + called_via), "PL102").empty());
  }
  SUBCASE("the seed's recommended user may only assume the role: fine") {
    const std::string assume =
        R"({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/AssumedAdministratorAccessRole"})";
    CHECK(run_rule(identity(assume + "," + raw_deny), "PL102").empty());
  }
  SUBCASE("the seed's guard policy alone in its file breaks CloudFormation for whoever it is attached to") {
    const auto f = run_rule(identity(raw_deny), "PL102");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->decision == eval::Decision::explicit_deny);
    CHECK(f[0].counterexample->request.action == "ec2:RunInstances");
    CHECK(f[0].message.find("whichever principal this policy is attached to") != std::string::npos);
    const std::string exempt =
        R"({"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:ViaAWSService": "false"}}})";
    CHECK(run_rule(identity(exempt), "PL102").empty());
  }
  SUBCASE("a bucket policy's address Deny applies to every caller of that bucket: not this rule") {
    const std::string bucket =
        R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"], "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})";
    CHECK(run_rule(identity(bucket), "PL102").empty());
  }
}

TEST_CASE("PL201 role-assumable-without-mfa") {
  SUBCASE("no condition: long-term keys assume the role") {
    const auto f = run_rule(trust(""), "PL201");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.principal == "arn:aws:iam::111122223333:user/test-user");
    CHECK(context(f[0], "aws:MultiFactorAuthPresent") == nullptr);
  }
  SUBCASE("Bool true requires MFA; so do the age and Null forms") {
    CHECK(run_rule(trust(R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})"), "PL201").empty());
    CHECK(run_rule(trust(R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}})"), "PL201").empty());
    CHECK(run_rule(trust(R"({"Null": {"aws:MultiFactorAuthAge": "false"}})"), "PL201").empty());
  }
  SUBCASE("trap: BoolIfExists true in the Allow (the console's checkbox)") {
    CHECK(run_rule(trust(R"({"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}})"), "PL201").size() == 1);
  }
  SUBCASE("trap: Deny on Bool false lets long-term keys through") {
    const std::string deny =
        R"(, {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}})";
    const auto f = run_rule(trust("", std::string(R"({"AWS": )") + k_user + "}", deny), "PL201");
    REQUIRE(f.size() == 1);
    CHECK(context(f[0], "aws:MultiFactorAuthPresent") == nullptr);
  }
  SUBCASE("the recommended Deny BoolIfExists false requires MFA") {
    const std::string deny =
        R"(, {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}})";
    CHECK(run_rule(trust("", std::string(R"({"AWS": )") + k_user + "}", deny), "PL201").empty());
  }
  SUBCASE("the IP allow-list is satisfied so the finding is about MFA alone") {
    const auto f = run_rule(trust(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"), "PL201");
    REQUIRE(f.size() == 1);
    REQUIRE(context(f[0], "aws:SourceIp") != nullptr);
    CHECK(context(f[0], "aws:SourceIp")->front() == "203.0.113.0");
  }
  SUBCASE("an account principal means every identity of the account") {
    const auto f = run_rule(trust("", R"({"AWS": "111122223333"})"), "PL201");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.principal.rfind("arn:aws:iam::111122223333:", 0) == 0);
  }
  SUBCASE("role and session principals: the source role's trust must require MFA instead") {
    CHECK(run_rule(trust("", R"({"AWS": "arn:aws:iam::111122223333:role/ci-runner"})"), "PL201").empty());
    CHECK(run_rule(trust("", R"({"AWS": "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice"})"),
                   "PL201")
              .empty());
    // A user listed next to a role is still reported, at the user.
    const auto f = run_rule(
        trust("", R"({"AWS": ["arn:aws:iam::111122223333:role/ci-runner", "arn:aws:iam::111122223333:user/alice"]})"), "PL201");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.find("user/alice") != std::string::npos);
  }
  SUBCASE("a third-party account trusted with a pinned ExternalId is left to the trust rules") {
    CHECK(run_rule(trust(R"({"StringEquals": {"sts:ExternalId": "7f3e-vendor-0042"}})", R"({"AWS": "arn:aws:iam::999988887777:root"})"),
                   "PL201")
              .empty());
    // An ExternalId that may be absent pins nothing.
    CHECK(run_rule(trust(R"({"StringEqualsIfExists": {"sts:ExternalId": "7f3e-vendor-0042"}})",
                         R"({"AWS": "arn:aws:iam::999988887777:root"})"),
                   "PL201")
              .size() == 1);
  }
  SUBCASE("service and federated principals are out of scope") {
    CHECK(run_rule(trust("", R"({"Service": "ec2.amazonaws.com"})"), "PL201").empty());
    const std::string oidc = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]})";
    CHECK(run_rule(oidc, "PL201").empty());
  }
}

TEST_CASE("PL301 trust-policy-lacks-ip-condition") {
  SUBCASE("no IP condition: assumable from an arbitrary address") {
    const auto f = run_rule(trust(R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})"), "PL301");
    REQUIRE(f.size() == 1);
    REQUIRE(context(f[0], "aws:SourceIp") != nullptr);
    CHECK(context(f[0], "aws:SourceIp")->front() == "198.51.100.23");
    // MFA was satisfied: the finding is about the network alone.
    REQUIRE(context(f[0], "aws:MultiFactorAuthPresent") != nullptr);
  }
  SUBCASE("the seed's IpAddress condition guards the role") {
    CHECK(run_rule(trust(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"), "PL301").empty());
  }
  SUBCASE("IpAddressIfExists lets VPC-endpoint callers in") {
    const auto f = run_rule(trust(R"({"IpAddressIfExists": {"aws:SourceIp": "203.0.113.0/24"}})"), "PL301");
    REQUIRE(f.size() == 1);
    CHECK(context(f[0], "aws:SourceIp") == nullptr);
  }
  SUBCASE("0.0.0.0/0 is no restriction") {
    CHECK(run_rule(trust(R"({"IpAddress": {"aws:SourceIp": ["0.0.0.0/0", "::/0"]}})"), "PL301").size() == 1);
  }
  SUBCASE("a trust Deny on NotIpAddress is a guard") {
    const std::string deny =
        R"(, {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})";
    CHECK(run_rule(trust("", std::string(R"({"AWS": )") + k_user + "}", deny), "PL301").empty());
  }
  SUBCASE("one finding per statement, at the principal") {
    const auto f = run_rule(trust("", R"({"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob"]})"),
                            "PL301");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.find("user/alice") != std::string::npos);
  }
  SUBCASE("role and session principals and third-party trusts with an ExternalId are out of scope") {
    CHECK(run_rule(trust("", R"({"AWS": "arn:aws:iam::111122223333:role/ci-runner"})"), "PL301").empty());
    CHECK(run_rule(trust("", R"({"AWS": "arn:aws:sts::111122223333:assumed-role/deploy/session"})"), "PL301").empty());
    CHECK(run_rule(trust(R"({"StringEquals": {"sts:ExternalId": "7f3e-vendor-0042"}})", R"({"AWS": "999988887777"})"), "PL301")
              .empty());
    CHECK(run_rule(trust("", R"({"AWS": "999988887777"})"), "PL301").size() == 1);
  }
  SUBCASE("service principals are out of scope") {
    CHECK(run_rule(trust("", R"({"Service": "lambda.amazonaws.com"})"), "PL301").empty());
  }
}
