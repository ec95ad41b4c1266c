// PL009 resource-type-mismatch: an Action entry that none of the statement's ARNs can match.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint;

namespace {

std::string statement(const std::string& action, const std::string& resource) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Work\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": " +
         action + ",\n      \"Resource\": " + resource + "\n    }\n  ]\n}\n";
}

using testing::position_of;

std::vector<engine::Diagnostic> only(const std::string& text) { return testing::lint_only(text, "PL009"); }

using testing::contains;

} // namespace

TEST_CASE("PL009 resource-type-mismatch: a wildcard-only action with a specific ARN") {
  const std::string text = statement(R"(["s3:ListAllMyBuckets", "s3:GetObject"])", R"("arn:aws:s3:::example-reports/*")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:ListAllMyBuckets\""));
  CHECK(ds[0].statement == "Work");
  CHECK(contains(ds[0].message, "\"Resource\": \"*\""));
}

TEST_CASE("PL009 resource-type-mismatch: actions of one service on another service's ARNs") {
  const std::string text =
      statement(R"(["s3:Get*", "dynamodb:GetItem"])", R"("arn:aws:dynamodb:us-east-1:111122223333:table/orders")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:Get*\""));
  CHECK(contains(ds[0].message, "dynamodb"));
}

TEST_CASE("PL009 resource-type-mismatch: matching services, Resource *, wildcard services are not judged") {
  CHECK(only(statement(R"(["s3:GetObject", "s3:ListBucket"])",
                       R"(["arn:aws:s3:::example-reports", "arn:aws:s3:::example-reports/*"])"))
            .empty());
  CHECK(only(statement(R"(["s3:ListAllMyBuckets"])", R"("*")")).empty());
  CHECK(only(statement(R"(["s3:ListAllMyBuckets"])", R"(["arn:aws:s3:::b", "*"])")).empty());
  CHECK(only(statement(R"(["s3:ListAllMyBuckets"])", R"("arn:aws:*:*:*:*")")).empty());
  // iam:PassRole acts on IAM roles.
  CHECK(only(statement(R"("iam:PassRole")", R"("arn:aws:iam::111122223333:role/app")")).empty());
}

TEST_CASE("PL009 resource-type-mismatch: an object action on a bucket ARN") {
  const std::string text = statement(R"(["s3:ListBucket", "s3:GetObject"])", R"("arn:aws:s3:::example-bucket")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:GetObject\""));
  CHECK(ds[0].location.start.line == 7);
  CHECK(ds[0].location.start.column == 35);
  CHECK(ds[0].statement == "Work");
  CHECK(ds[0].message ==
        "s3:GetObject acts on resources like "
        "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}, "
        "arn:${Partition}:s3:::${BucketName}/${ObjectName}, which no ARN in the "
        "statement's Resource matches, so the statement never applies to it; did you mean "
        "arn:aws:s3:::example-bucket/*?");
}

TEST_CASE("PL009 resource-type-mismatch: a bucket action on object ARNs") {
  const std::string text =
      statement(R"(["s3:GetObject", "s3:ListBucket"])", R"(["arn:aws:s3:::example-bucket/*"])");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:ListBucket\""));
  CHECK(ds[0].location.start.line == 7);
  CHECK(ds[0].location.start.column == 34);
  CHECK(contains(ds[0].message, "s3:ListBucket acts on resources like "));
  CHECK(contains(ds[0].message, "arn:${Partition}:s3:::${BucketName}"));
  CHECK(contains(ds[0].message, "; did you mean arn:aws:s3:::example-bucket?"));
}

TEST_CASE("PL009 resource-type-mismatch: IAM actions on the wrong kind of IAM resource, in a Deny too") {
  std::string text = statement(R"(["iam:PassRole", "iam:CreateAccessKey"])",
                               R"(["arn:aws:iam::111122223333:role/service-role/app"])");
  text.replace(text.find("\"Allow\""), 7, "\"Deny\"");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"iam:CreateAccessKey\""));
  CHECK(ds[0].message ==
        "iam:CreateAccessKey acts on resources like arn:${Partition}:iam::${Account}:user/${UserNameWithPath}, which "
        "no ARN in the statement's Resource matches, so the statement never applies to it");
}

TEST_CASE("PL009 resource-type-mismatch: an S3 ARN with a region and account") {
  const std::string text =
      statement(R"(["s3:ListBucket"])", R"(["arn:aws:s3:us-east-1:111122223333:example-bucket"])");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"arn:aws:s3:us-east-1"));
  CHECK(ds[0].location.start.line == 8);
  CHECK(ds[0].location.start.column == 20);
  CHECK(ds[0].statement == "Work");
  CHECK(ds[0].message == "arn:aws:s3:us-east-1:111122223333:example-bucket has a region or account segment that no s3 "
                         "resource type allows (expected arn:${Partition}:s3:::${BucketName}), so it matches no "
                         "resource");
}

TEST_CASE("PL009 resource-type-mismatch: a DynamoDB ARN without its region") {
  const std::string text = statement(R"("dynamodb:GetItem")", R"("arn:aws:dynamodb::111122223333:table/orders")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"arn:aws:dynamodb::"));
  CHECK(contains(ds[0].message, "no dynamodb resource type allows (expected "
                                "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName})"));
}

TEST_CASE("PL009 resource-type-mismatch: templates that fit are not reported") {
  CHECK(only(statement(R"(["s3:GetObject", "s3:PutObject"])", R"("arn:aws:s3:::example-*")")).empty());
  CHECK(only(statement(R"(["s3:ListBucket", "s3:GetObject"])", R"(["arn:aws:s3:::b", "arn:aws:s3:::b/*"])")).empty());
  CHECK(only(statement(R"("s3:*Object")", R"("arn:aws:s3:::b/${aws:username}/*")")).empty());
  CHECK(only(statement(R"("iam:CreateAccessKey")", R"("arn:aws:iam::*:user/${aws:username}")")).empty());
  CHECK(only(statement(R"("dynamodb:Query")", R"("arn:aws:dynamodb:*:*:table/orders/index/*")")).empty());
  CHECK(only(statement(R"("s3:GetObject")", R"("arn:aws:s3:*:*:b/*")")).empty());
  // NotResource and NotAction are not judged.
  CHECK(only("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
             "\"NotResource\": \"arn:aws:s3:::b\"}}")
            .empty());
  CHECK(only("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"NotAction\": \"s3:GetObject\", "
             "\"Resource\": \"arn:aws:s3:::b\"}}")
            .empty());
}
