// PL035: '*' or '?' in a value of an exact-match string operator, on the value.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"ListHome\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListBucket\",\n"
         "      \"Resource\": \"arn:aws:s3:::example-home\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

std::size_t count(const std::string& condition) {
  return testing::lint_only(with(condition), "PL035").size();
}

} // namespace

TEST_CASE("PL035 wildcard-in-exact-match-operator: a wildcard compared literally, on the value") {
  const std::string text = with(R"({"StringEquals": {"s3:prefix": ["", "home/${aws:username}/*"]}})");
  const auto ds = testing::lint_only(text, "PL035");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"home/${aws:username}/*\""));
  CHECK(testing::contains(ds[0].message, "use \"StringLike\""));
  CHECK(ds[0].statement == "ListHome");

  // The suggestion keeps the qualifier, the negation and IfExists.
  const auto nd =
      testing::lint_only(with(R"({"ForAnyValue:StringNotEqualsIfExists": {"aws:TagKeys": "temp-?"}})"), "PL035");
  REQUIRE(nd.size() == 1);
  CHECK(testing::contains(nd[0].message, "\"ForAnyValue:StringNotLikeIfExists\""));
  const auto id = testing::lint_only(with(R"({"StringEqualsIgnoreCase": {"aws:ResourceTag/team": "*"}})"), "PL035");
  REQUIRE(id.size() == 1);
  CHECK(testing::contains(id[0].message, "compares case-sensitively"));
  // On a key typed ARN the pattern operator is ArnLike (StringLike there is PL604's finding).
  const auto ad = testing::lint_only(
      with(R"({"StringEquals": {"aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/*"}})"), "PL035");
  REQUIRE(ad.size() == 1);
  CHECK(testing::contains(ad[0].message, "use \"ArnLike\""));
  CHECK(count(R"({"StringNotEquals": {"aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/*", "o-*"]}})") == 2);
}

TEST_CASE("PL035 wildcard-in-exact-match-operator: variables, Like and ARN operators are not reported") {
  CHECK(count(R"({"StringEquals": {"s3:prefix": "home/${aws:username}/"}})") == 0);
  // ${*} and ${?} are how a policy writes a literal '*' or '?'.
  CHECK(count(R"({"StringEquals": {"s3:prefix": "notes${*}"}})") == 0);
  CHECK(count(R"({"StringLike": {"s3:prefix": "home/*"}})") == 0);
  // ArnEquals behaves as ArnLike in IAM: its wildcard is one.
  CHECK(count(R"({"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::example-*"}})") == 0);
  CHECK(count(R"({"NumericEquals": {"s3:max-keys": "10"}})") == 0);
}

TEST_CASE("PL035 wildcard-in-exact-match-operator: a value the input leaves unknown is no wildcard the user wrote") {
  // Terraform: the VPC's id is known only after apply, and the front end reads it as "*".
  const std::string tf = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "example-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyOutsideVpc"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::example-bucket/*"
      Condition = { StringNotEquals = { "aws:SourceVpc" = aws_vpc.main.id, "aws:SourceVpce" = "vpce-*" } }
    }]
  })
}
)";
  const auto tf_found = testing::lint_text(tf, {"PL035"}, "main.tf");
  REQUIRE(tf_found.size() == 1); // the literal "vpce-*" only
  CHECK(tf.substr(tf_found.front().range.begin, 8) == "\"vpce-*\"");
  // CloudFormation: a Ref to a resource of the stack.
  const std::string cfn = R"({"Resources": {
  "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": false}},
  "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
     "Action": "sts:AssumeRoleWithWebIdentity",
     "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "Pool"}}}}]}}}}})";
  CHECK(testing::lint_text(cfn, {"PL035"}, "template.json").empty());
}
