// PL045: an ARN partition that is no AWS partition, in Resource/NotResource and principal ARNs.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string identity(const std::string& element, const std::string& arns) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"ReadAuditLogs\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"" +
         element + "\": " + arns + "\n    }\n  ]\n}\n";
}

std::size_t in_resource(const std::string& arn) {
  return testing::lint_only(identity("Resource", "\"" + arn + "\""), "PL045").size();
}

std::string advice_for(const std::string& partition) {
  const auto ds = testing::lint_only(identity("Resource", "\"arn:" + partition + ":s3:::audit-logs/*\""), "PL045");
  REQUIRE(ds.size() == 1);
  return ds[0].message;
}

} // namespace

TEST_CASE("PL045 arn-partition-unknown: a Resource ARN's partition, on the ARN, with the partition meant") {
  const std::string text =
      identity("Resource", R"(["arn:aws-us-gov:s3:::audit-logs", "arn:aws-gov:s3:::audit-logs/*"])");
  const auto ds = testing::lint_only(text, "PL045");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws-gov:"));
  CHECK(ds[0].statement == "ReadAuditLogs");
  CHECK(testing::contains(ds[0].message, "partition \"aws-gov\" of ARN \"arn:aws-gov:s3:::audit-logs/*\""));
  CHECK(testing::contains(ds[0].message, "did you mean aws-us-gov?"));

  CHECK(testing::contains(advice_for("AWS"), "partitions are lower case: aws"));
  CHECK(testing::contains(advice_for("cn"), "did you mean aws-cn?"));
  CHECK(testing::contains(advice_for("aws-isob"), "did you mean aws-iso-b?"));
  CHECK(testing::contains(advice_for("amazon"), "use one of aws, aws-cn, aws-us-gov"));
  CHECK(testing::lint_only(identity("NotResource", R"("arn:aws-china:s3:::audit-logs/*")"), "PL045").size() == 1);
}

TEST_CASE("PL045 arn-partition-unknown: AWS and Federated principal ARNs") {
  const std::string bucket = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PartnerRead",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:role/reader", "arn:aws-cn-north:iam::444455556666:role/reader"]},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::shared-reports/*"
    }
  ]
}
)";
  const auto ds = testing::lint_only(bucket, "PL045");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(bucket, "\"arn:aws-cn-north:"));
  CHECK(testing::contains(ds[0].message, "IAM rejects it as a principal"));

  const std::string trust = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:awss:iam::111122223333:saml-provider/Okta"},
      "Action": "sts:AssumeRoleWithSAML",
      "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
    }
  ]
}
)";
  CHECK(testing::lint_only(trust, "PL045").size() == 1);
}

TEST_CASE("PL045 arn-partition-unknown: real partitions, wildcards, variables and empty partitions are not reported, a literal typo is") {
  for (const char* partition : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                                "aws-eusc"}) {
    CAPTURE(partition);
    CHECK(in_resource(std::string("arn:") + partition + ":s3:::audit-logs/*") == 0);
  }
  CHECK(in_resource("arn:*:s3:::audit-logs/*") == 0);
  CHECK(in_resource("arn:aws-*:s3:::audit-logs/*") == 0);
  CHECK(in_resource("arn:${AWS::Partition}:s3:::audit-logs/*") == 0);
  CHECK(in_resource("arn:${aws:PrincipalTag/partition}:s3:::audit-logs/*") == 0);
  CHECK(in_resource("*") == 0);
  // The parser reports an empty partition (PL008); this rule does not repeat it.
  const std::string empty = identity("Resource", R"("arn::s3:::audit-logs/*")");
  CHECK(testing::lint_only(empty, "PL045").empty());
  CHECK(testing::has_code(testing::lint_text(empty), "PL008"));
}

TEST_CASE("PL045 arn-partition-unknown: a template's AWS::Partition and unresolved partitions are not reported, a literal typo is") {
  const std::string tmpl = R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"Part": {"Type": "String"}},
  "Resources": {
    "AuditRead": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "s3:GetObject",
              "Resource": [
                {"Fn::Sub": "arn:${AWS::Partition}:s3:::audit-logs/*"},
                {"Fn::Sub": "arn:${Part}:s3:::audit-logs/*"},
                {"Fn::Sub": "arn:aws-gov:s3:::${AWS::AccountId}-audit-logs/*"}
              ]
            }
          ]
        }
      }
    }
  }
}
)";
  // Only the literal typo in the third ARN.
  auto ds = testing::lint_text(tmpl, {"PL045"}, "template.json");
  std::erase_if(ds, [](const engine::Diagnostic& d) { return d.rule->code != "PL045"; });
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds[0].message, "partition \"aws-gov\""));
}
