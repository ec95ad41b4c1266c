// support::arn_may_match_template: can some ARN match both a policy pattern and a catalog template?
#include <policylint/rules/support/arn_template.hpp>

#include <doctest/doctest.h>

#include <string>

using policylint::rules::support::arn_may_match_template;

namespace {
constexpr const char* k_bucket = "arn:${Partition}:s3:::${BucketName}";
constexpr const char* k_object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
constexpr const char* k_role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
constexpr const char* k_user = "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}";
constexpr const char* k_table = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
} // namespace

TEST_CASE("arn_template: S3 buckets and objects") {
  CHECK(arn_may_match_template("arn:aws:s3:::example-bucket", k_bucket));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::example-bucket", k_object));
  CHECK(arn_may_match_template("arn:aws:s3:::example-bucket/*", k_object));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::example-bucket/*", k_bucket));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::example-bucket/", k_object)); // empty object name
  CHECK(arn_may_match_template("arn:aws:s3:::example-*", k_bucket));
  CHECK(arn_may_match_template("arn:aws:s3:::example-*", k_object)); // * spans the '/'
  CHECK(arn_may_match_template("arn:aws:s3:::*", k_object));
  CHECK(arn_may_match_template("arn:aws:s3:::example-bucket/reports/2026/*.csv", k_object));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::*/CodeDeploy/*", k_bucket));
  CHECK(arn_may_match_template("arn:aws:s3:::exa?ple", k_bucket));
  CHECK(arn_may_match_template("arn:aws-cn:s3:::example-bucket", k_bucket));
  CHECK(arn_may_match_template("ARN:AWS:S3:::Example-Bucket", k_bucket));
}

TEST_CASE("arn_template: region and account segments") {
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:us-east-1:111122223333:example-bucket", k_bucket));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3::111122223333:example-bucket", k_bucket));
  CHECK(arn_may_match_template("arn:aws:s3:*:*:example-bucket", k_bucket)); // * matches the empty text
  CHECK(arn_may_match_template("arn:aws:dynamodb:us-east-1:111122223333:table/orders", k_table));
  CHECK_FALSE(arn_may_match_template("arn:aws:dynamodb::111122223333:table/orders", k_table));
  CHECK_FALSE(arn_may_match_template("arn:aws:dynamodb:us-east-1::table/orders", k_table));
  CHECK(arn_may_match_template("arn:aws:dynamodb:*:*:table/*", k_table));
  CHECK_FALSE(arn_may_match_template("arn:aws:dynamodb:us-east-1:111122223333:table/orders", k_bucket));
}

TEST_CASE("arn_template: IAM paths, policy variables and odd input") {
  CHECK(arn_may_match_template("arn:aws:iam::111122223333:role/service-role/app", k_role));
  CHECK(arn_may_match_template("arn:aws:iam::111122223333:role/*", k_role));
  CHECK_FALSE(arn_may_match_template("arn:aws:iam::111122223333:role/app", k_user));
  CHECK_FALSE(arn_may_match_template("arn:aws:iam::111122223333:role/", k_role));
  CHECK(arn_may_match_template("arn:aws:iam::111122223333:user/${aws:username}", k_user));
  CHECK(arn_may_match_template("arn:aws:iam::*", k_role));
  CHECK(arn_may_match_template("arn:*", k_table));
  CHECK(arn_may_match_template("*", k_bucket));
  CHECK(arn_may_match_template("arn:aws:s3:::b", ""));              // no template: give it the benefit
  CHECK(arn_may_match_template("arn:aws:s3:::b", "arn:${Partition"));   // unclosed placeholder
  CHECK_FALSE(arn_may_match_template("arn:aws:sqs:us-east-1:111122223333:q", k_role));
}

TEST_CASE("arn_template: resource segments only") {
  using policylint::rules::support::arn_resource_may_match_template;
  CHECK(arn_resource_may_match_template("arn:aws:s3:us-east-1:111122223333:example-bucket", k_bucket));
  CHECK_FALSE(arn_resource_may_match_template("arn:aws:s3:us-east-1:111122223333:example-bucket",
                                              "arn:${Partition}:s3:${Region}:${Account}:access-grants/default/grant/${Token}"));
  CHECK(arn_resource_may_match_template("arn:aws:dynamodb::111122223333:table/orders", k_table));
  CHECK_FALSE(arn_resource_may_match_template("arn:aws:dynamodb::111122223333:table/orders", k_role));
  CHECK(arn_resource_may_match_template("arn:aws:s3", k_bucket));
}

// Issue 15: an 8 MiB ARN took PL009 18 s and 473 MB (a table of pattern × template cells per
// resource type). The pattern is now read once, left to right, with one row alive; these cases
// assert the answers only, at sizes where the old table would take hundreds of MB.
TEST_CASE("arn_template: multi-megabyte ARNs") {
  const std::string run(4U << 20U, 'k');
  const std::string object_template = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  const std::string bucket_template = "arn:${Partition}:s3:::${BucketName}";
  CHECK(arn_may_match_template("arn:aws:s3:::bucket/" + run, object_template));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::bucket/" + run, bucket_template)); // a bucket name has no '/'
  CHECK(arn_may_match_template("arn:aws:s3:::" + run, bucket_template));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::" + run + "/", bucket_template));
  CHECK(arn_may_match_template("arn:aws:s3:::" + run + "/" + run, object_template));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::" + run, object_template)); // no '/' for the object part
  CHECK(arn_may_match_template("arn:aws:s3:::" + run + "*", object_template));
  CHECK_FALSE(arn_may_match_template("arn:aws:s3:::" + run + "/x", k_role));
  CHECK(arn_may_match_template("arn:aws:iam::111122223333:role/" + run + "/${aws:username}", k_role));
  CHECK(arn_may_match_template("arn:aws:s3:::" + std::string(1U << 20U, '?') + "/" + std::string(1U << 20U, '*'),
                               object_template));
}
