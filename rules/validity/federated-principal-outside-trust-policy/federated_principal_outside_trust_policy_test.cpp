// PL032: a Federated principal where the input says the policy is a resource policy; never on
// a document of unknown type, which may be a trust policy.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> lint_typed(const std::string& text, std::optional<policy::PolicyType> type) {
  return testing::lint_only(text, "PL032", type);
}

const std::string k_bucket_policy = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Partners", "Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::444455556666:root", "Federated": ["accounts.google.com", "arn:aws:iam::111122223333:saml-provider/IdP"]},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]})";

} // namespace

TEST_CASE("PL032 federated-principal-outside-trust-policy: each Federated value of a resource policy") {
  const auto ds = lint_typed(k_bucket_policy, policy::PolicyType::resource);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == testing::position_of(k_bucket_policy, "\"accounts.google.com\""));
  CHECK(ds[1].location.start == testing::position_of(k_bucket_policy, "\"arn:aws:iam::111122223333:saml-provider/IdP\""));
  CHECK(ds[0].statement == "Partners");
  CHECK(ds[0].rule->severity == engine::Severity::high);
}

TEST_CASE("PL032 a KMS key policy in a CloudFormation template names its service") {
  const std::string text = R"({"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
    "Action": "kms:Decrypt", "Resource": "*"}]}}}}})";
  const auto ds = testing::lint_only(text, "PL032");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"cognito-identity.amazonaws.com\""));
  CHECK(testing::contains(ds[0].message, "kms resource policy"));
}

TEST_CASE("PL032 negatives: trust policies, unknown types, resource policies without Federated") {
  const std::string trust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/IdP"}, "Action": "sts:AssumeRoleWithSAML"}]})";
  CHECK(lint_typed(trust, std::nullopt).empty());
  CHECK(lint_typed(trust, policy::PolicyType::trust).empty());
  // Not told the type: a document that looks like a resource policy may still be anything.
  CHECK(lint_typed(k_bucket_policy, std::nullopt).empty());
  const std::string role = R"({"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
    "Action": "sts:AssumeRoleWithWebIdentity"}]}}}}})";
  CHECK(testing::lint_only(role, "PL032").empty());
}
