// PL909: a method whose named target is a privileged principal of the account is an error,
// one per caller and privileged principal; a target that is not privileged, a role the
// compute's service may not assume, a boundary, or a target granted on any resource (PL401's)
// is not reported here.
#include "support/account_builder.hpp"
#include "support/account_lint.hpp"
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;
using testing::service_trust;

namespace {

std::vector<engine::Diagnostic> pl909(const AccountBuilder& b) { return testing::account_findings(b, "PL909"); }

const std::string k_admin = allow_json("*", "*");
const std::string k_logs = allow_json("logs:PutLogEvents", "*");

std::string pass_and_lambda(const std::string& roles) {
  return R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": )" + roles + R"(},
    {"Sid": "Functions", "Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]})";
}

} // namespace

TEST_CASE("PL909: passing a named administrator role to new Lambda code is an error naming the role") {
  AccountBuilder b;
  b.role("Admin", service_trust("lambda.amazonaws.com"), {b.policy("AdminAccess", k_admin)});
  b.role("function-logs", service_trust("lambda.amazonaws.com"), {b.policy("Logs", k_logs)});
  const auto deploy = b.policy("Deploy", pass_and_lambda(R"(["arn:aws:iam::111122223333:role/Admin",
    "arn:aws:iam::111122223333:role/function-logs"])"));
  b.user("deployer", {deploy});
  const auto ds = pl909(b);
  REQUIRE(ds.size() == 1); // the role of logs alone is no privilege
  const auto& d = ds.front();
  CHECK(d.rule->severity == engine::Severity::high);
  CHECK(testing::contains(d.message, "user/deployer can gain the permissions of role/Admin"));
  CHECK(testing::contains(d.message, "lambda-001"));
  CHECK(d.file == "Deploy.json");
  REQUIRE(d.counterexample.has_value());
  CHECK(d.counterexample->request.action == "iam:PassRole");
  CHECK(d.counterexample->request.resource == "arn:aws:iam::111122223333:role/Admin");
  CHECK(d.counterexample->path.front() == "user/deployer");
  CHECK(d.counterexample->path.back() == "role/Admin");
  // The request is one the user's policy allows.
  CHECK(eval::evaluate(b.account().documents[deploy].policy, d.counterexample->request).decision ==
        eval::Decision::allowed);
}

TEST_CASE("PL909: a role the compute's service may not assume hands nothing over") {
  AccountBuilder b;
  b.role("Admin", service_trust("ec2.amazonaws.com"), {b.policy("AdminAccess", k_admin)});
  b.user("deployer", {b.policy("Deploy", pass_and_lambda(R"("arn:aws:iam::111122223333:role/Admin")"))});
  CHECK(pl909(b).empty());
}

TEST_CASE("PL909: an identity pool's role is assumed through Cognito's federated principal") {
  // Cognito identity pools take a role whose trust names cognito-identity.amazonaws.com as a
  // federated principal with sts:AssumeRoleWithWebIdentity, not as a service.
  const std::string cognito_trust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555"}}}]})";
  const std::string pass_and_pool = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/PoolAdmin"},
    {"Effect": "Allow", "Action": "cognito-identity:SetIdentityPoolRoles", "Resource": "*"}]})";
  {
    AccountBuilder b;
    b.role("PoolAdmin", cognito_trust, {b.policy("AdminAccess", k_admin)});
    b.user("dev", {b.policy("Pool", pass_and_pool)});
    const auto ds = pl909(b);
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds.front().message, "role/PoolAdmin"));
    CHECK(testing::contains(ds.front().message, "cognitoidentity-001"));
  }
  {
    // The same federated principal with another action (AssumeRole) is no identity pool trust.
    AccountBuilder b;
    std::string other = cognito_trust;
    other.replace(other.find("sts:AssumeRoleWithWebIdentity"), 29, "sts:TagSession");
    b.role("PoolAdmin", other, {b.policy("AdminAccess", k_admin)});
    b.user("dev", {b.policy("Pool", pass_and_pool)});
    CHECK(pl909(b).empty());
  }
}

TEST_CASE("PL909: a permissions boundary without iam:PassRole blocks the method") {
  AccountBuilder b;
  b.role("Admin", service_trust("lambda.amazonaws.com"), {b.policy("AdminAccess", k_admin)});
  const auto boundary = b.policy("Boundary", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["lambda:*", "logs:*"], "Resource": "*"}]})");
  const auto deploy = b.policy("Deploy", pass_and_lambda(R"("arn:aws:iam::111122223333:role/Admin")"));
  b.user("deployer", {deploy}).permissions_boundary = boundary;
  CHECK(pl909(b).empty());
}

TEST_CASE("PL909: a target granted on any role is PL401's, not repeated here") {
  AccountBuilder b;
  b.role("Admin", service_trust("lambda.amazonaws.com"), {b.policy("AdminAccess", k_admin)});
  b.user("deployer", {b.policy("Deploy", pass_and_lambda(R"("arn:aws:iam::111122223333:role/*")"))});
  CHECK(pl909(b).empty());
}

TEST_CASE("PL909: another administrator's access keys and an administrator role's trust policy") {
  AccountBuilder b;
  b.user("ops-admin", {b.policy("OpsAdmin", k_admin)});
  b.role("Admin", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user/ops-admin"}, "Action": "sts:AssumeRole"}]})",
         {b.policy("AdminAccess", k_admin)});
  b.user("helpdesk", {b.policy("Helpdesk", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/ops-admin"},
    {"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "arn:aws:iam::111122223333:role/Admin"}]})")});
  const auto ds = pl909(b);
  REQUIRE(ds.size() == 2); // one per privileged principal reached
  const bool keys = testing::contains(ds[0].message, "user/ops-admin") || testing::contains(ds[1].message, "user/ops-admin");
  const bool trust = testing::contains(ds[0].message, "role/Admin") || testing::contains(ds[1].message, "role/Admin");
  CHECK(keys);
  CHECK(trust);
  for (const auto& d : ds) {
    CHECK(testing::contains(d.message, "user/helpdesk can gain the permissions of"));
  }
}

TEST_CASE("PL909: several methods to one privileged role are one finding, and each caller has its own") {
  AccountBuilder b;
  b.role("Admin", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]}, "Action": "sts:AssumeRole"}]})",
         {b.policy("AdminAccess", k_admin)});
  const auto compute = b.policy("Compute", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/Admin"},
    {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction", "ec2:RunInstances"], "Resource": "*"}]})");
  b.group("Builders", {compute});
  b.user("alice", {}, {"Builders"});
  b.user("bob", {}, {"Builders"});
  const auto ds = pl909(b);
  REQUIRE(ds.size() == 2);
  CHECK(testing::contains(ds[0].message + ds[1].message, "user/alice"));
  CHECK(testing::contains(ds[0].message + ds[1].message, "user/bob"));
  CHECK(testing::contains(ds[0].message, "(also by "));
}
