// PL046: "Principal": "*" written as the bare string in a role trust policy.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& principal) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"OrgAutomation\",\n"
         "      \"Effect\": \"Allow\",\n      \"Principal\": " +
         principal +
         ",\n      \"Action\": \"sts:AssumeRole\",\n"
         "      \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}\n    }\n  ]\n}\n";
}

} // namespace

TEST_CASE("PL046 trust-principal-bare-wildcard: the bare \"*\" in a trust policy, on the value") {
  const std::string text = trust(R"("*")");
  const auto ds = testing::lint_only(text, "PL046");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"*\""));
  CHECK(ds[0].statement == "OrgAutomation");
  CHECK(testing::contains(ds[0].message, "bare string \"*\""));
  CHECK(testing::contains(ds[0].message, "{\"AWS\": \"*\"}"));
}

TEST_CASE("PL046 trust-principal-bare-wildcard: the object form, other principals and other policy kinds are not "
          "reported") {
  CHECK(testing::lint_only(trust(R"({"AWS": "*"})"), "PL046").empty());
  CHECK(testing::lint_only(trust(R"({"AWS": ["*"]})"), "PL046").empty());
  CHECK(testing::lint_only(trust(R"({"AWS": "arn:aws:iam::111122223333:root"})"), "PL046").empty());
  // A bucket policy may name "*" as the bare string.
  const std::string bucket = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-public-site/*"
    }
  ]
}
)";
  CHECK(testing::lint_only(bucket, "PL046").empty());
}

TEST_CASE("PL046 trust-principal-bare-wildcard: a wildcard inside a principal ARN is PL010's, not this rule's") {
  const std::string text = trust(R"({"AWS": "arn:aws:iam::111122223333:role/team-*"})");
  CHECK(testing::lint_only(text, "PL046").empty());
  CHECK(testing::lint_only(text, "PL010").size() == 1);
}

TEST_CASE("PL046 trust-principal-bare-wildcard: templates: a literal '*' is reported, an unresolved Ref is not") {
  const auto role = [](const std::string& principal) {
    return "AWSTemplateFormatVersion: '2010-09-09'\n"
           "Parameters:\n  TrustedPrincipal:\n    Type: String\n"
           "Resources:\n  AutomationRole:\n    Type: AWS::IAM::Role\n    Properties:\n"
           "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
           "          - Effect: Allow\n            Principal: " +
           principal + "\n            Action: sts:AssumeRole\n";
  };
  const auto only = [](const std::string& text) {
    auto ds = testing::lint_text(text, {"PL046"}, "template.yaml");
    std::erase_if(ds, [](const engine::Diagnostic& d) { return d.rule->code != "PL046"; });
    return ds.size();
  };
  CHECK(only(role("'*'")) == 1);
  CHECK(only(role("!Ref TrustedPrincipal")) == 0);
  CHECK(only(role("\n              AWS: '*'")) == 0);
}
