// PL610: wildcards in caller- and owner-identifying keys, on the value, where they widen access.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& effect, const std::string& condition) {
  return testing::one_statement_policy({.sid = "Read",
                                        .effect = effect,
                                        .principal = R"("*")",
                                        .action = R"("s3:GetObject")",
                                        .resource = R"("arn:aws:s3:::example-reports/*")",
                                        .condition = condition});
}

std::size_t count(const std::string& effect, const std::string& condition) {
  return testing::lint_only(with(effect, condition), "PL610").size();
}

} // namespace

TEST_CASE("PL610 wildcard-too-permissive-in-sensitive-key: short anchors in an Allow, or a negated Deny") {
  const std::string text =
      with("Allow", R"({"ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:role/ops", "arn:aws:iam::*"]}})");
  const auto ds = testing::lint_only(text, "PL610");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws:iam::*\""));
  CHECK(ds[0].statement == "Read");
  CHECK(testing::contains(ds[0].message, "aws:PrincipalArn"));
  CHECK(count("Allow", R"({"StringLike": {"aws:PrincipalOrgID": "o-*"}})") == 1);
  // The ARN prefix and the IAM resource type name no one: any role in any account.
  CHECK(count("Allow", R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}})") == 1);
  CHECK(count("Allow", R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}})") == 1);
  CHECK(count("Allow", R"({"StringLike": {"aws:SourceVpce": "vpce-*"}})") == 1);
  CHECK(count("Allow", R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}})") == 1);
  // A Deny that spares whatever matches grants more the looser the pattern is.
  CHECK(count("Deny", R"({"StringNotLike": {"aws:PrincipalAccount": "1111*"}})") == 1);
}

TEST_CASE("PL610 wildcard-too-permissive-in-sensitive-key: anchored, narrowing or not sensitive") {
  CHECK(count("Allow", R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}})") == 0);
  CHECK(count("Allow", R"({"StringLike": {"aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-*"}})") == 0);
  CHECK(count("Allow", R"({"StringLike": {"aws:userid": "AROAEXAMPLEID:*"}})") == 0);
  // AWS's data-perimeter exemption of the EC2 infrastructure role, named in full in every account.
  CHECK(count("Deny",
              R"({"ArnNotLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws:ec2-infrastructure"}})") == 0);
  // Denying a wide pattern denies more, and an Allow that excludes one grants less.
  CHECK(count("Deny", R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*"}})") == 0);
  CHECK(count("Allow", R"({"StringNotLike": {"aws:PrincipalOrgID": "o-*"}})") == 0);
  // '*' is literal under StringEquals (PL035's), and other keys are not sensitive.
  CHECK(count("Allow", R"({"StringEquals": {"aws:PrincipalOrgID": "o-*"}})") == 0);
  CHECK(count("Allow", R"({"StringLike": {"aws:PrincipalTag/team": "o*"}})") == 0);
  // A lone "*" under plain StringLike is PL605's (the same as Null false).
  CHECK(count("Allow", R"({"StringLike": {"aws:PrincipalOrgID": "*"}})") == 0);
}

TEST_CASE("PL610 wildcard-too-permissive-in-sensitive-key: identity policies and values unknown before deployment") {
  // Without a Principal every caller is of the policy's own account (AWS's S3UnlockBucketPolicy).
  const std::string identity = R"({"Version": "2012-10-17", "Statement": [{"Sid": "RootOnly", "Effect": "Deny",
    "Action": "s3:PutBucketPolicy", "Resource": "*",
    "Condition": {"StringNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}}}]})";
  CHECK(testing::lint_only(identity, "PL610").empty());
  // A bucket name from a template parameter is read as "*", which the author did not write.
  const std::string cfn = R"({"Parameters": {"BucketName": {"Type": "String"}}, "Resources": {
    "Permission": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": ["q"], "PolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Sid": "FromBucket", "Effect": "Allow",
      "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*",
      "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${BucketName}"}}}}]}}}}})";
  CHECK(testing::lint_only(cfn, "PL610").empty());
  const std::string written = R"({"Resources": {
    "Permission": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": ["q"], "PolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Sid": "FromBucket", "Effect": "Allow",
      "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*",
      "Condition": {"ArnLike": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:s3:::*"}}}}]}}}}})";
  CHECK(testing::lint_only(written, "PL610").size() == 1);
}
