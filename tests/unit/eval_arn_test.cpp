// ARN splitting, Resource matching (iam-semantics §4, §11 items 14-15) and ArnLike (§6.2).
#include <doctest/doctest.h>

#include <policylint/eval/arn.hpp>

#include <string>

using policylint::eval::arn_like_matches;
using policylint::eval::parse_arn;
using policylint::eval::resource_matches;

TEST_CASE("arn: six segments, resource part keeps its colons") {
  const auto lambda = parse_arn("arn:aws:lambda:us-east-1:111122223333:function:my-fn:PROD");
  REQUIRE(lambda.has_value());
  CHECK(lambda->prefix == "arn");
  CHECK(lambda->partition == "aws");
  CHECK(lambda->service == "lambda");
  CHECK(lambda->region == "us-east-1");
  CHECK(lambda->account == "111122223333");
  CHECK(lambda->resource == "function:my-fn:PROD");

  const auto bucket = parse_arn("arn:aws:s3:::my-bucket/key");
  REQUIRE(bucket.has_value());
  CHECK(bucket->region.empty());
  CHECK(bucket->account.empty());
  CHECK(bucket->resource == "my-bucket/key");

  const auto empty_resource = parse_arn("arn:aws:iam::111122223333:");
  REQUIRE(empty_resource.has_value());
  CHECK(empty_resource->resource.empty());

  CHECK_FALSE(parse_arn("arn:aws:s3::bucket").has_value());
  CHECK_FALSE(parse_arn("*").has_value());
  CHECK_FALSE(parse_arn("ARN:aws:s3:::b").has_value());
  CHECK_FALSE(parse_arn("urn:aws:s3:::b").has_value());
}

TEST_CASE("resource: star matches everything, including the resource '*'") {
  CHECK(resource_matches("*", "arn:aws:s3:::bucket"));
  CHECK(resource_matches("*", "*"));
  CHECK(resource_matches("*", ""));
}

TEST_CASE("resource: exact ARNs are case-sensitive") {
  CHECK(resource_matches("arn:aws:iam::111122223333:user/Bob", "arn:aws:iam::111122223333:user/Bob"));
  CHECK_FALSE(resource_matches("arn:aws:iam::111122223333:user/Bob", "arn:aws:iam::111122223333:user/bob"));
  CHECK_FALSE(resource_matches("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key"));
}

TEST_CASE("resource: wildcards in the resource part span '/' and ':'") {
  CHECK(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c.txt"));
  CHECK_FALSE(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"));
  CHECK_FALSE(resource_matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket-2/x"));
  CHECK(resource_matches("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-2/x"));
  CHECK(resource_matches("arn:aws:iam::111122223333:user/accounting/*",
                         "arn:aws:iam::111122223333:user/accounting/alice"));
  CHECK(resource_matches("arn:aws:lambda:us-east-1:111122223333:function:*",
                         "arn:aws:lambda:us-east-1:111122223333:function:my-fn:PROD"));
  CHECK(resource_matches("arn:aws:s3:::bucket/?.txt", "arn:aws:s3:::bucket/a.txt"));
  CHECK_FALSE(resource_matches("arn:aws:s3:::bucket/?.txt", "arn:aws:s3:::bucket/ab.txt"));
}

TEST_CASE("resource: wildcards inside one of the first five segments stay in it") {
  CHECK(resource_matches("arn:aws:ec2:us-*-1:111122223333:instance/*",
                         "arn:aws:ec2:us-east-1:111122223333:instance/i-1"));
  CHECK_FALSE(resource_matches("arn:aws:ec2:us-*-1:111122223333:instance/*",
                               "arn:aws:ec2:us-east-2:111122223333:instance/i-1"));
  CHECK(resource_matches("arn:aws:ec2:us-east-?:111122223333:instance/*",
                         "arn:aws:ec2:us-east-2:111122223333:instance/i-1"));
  // A non-trailing `*` cannot reach over a colon into the next segment.
  CHECK_FALSE(resource_matches("arn:aws:ec2:u*1:111122223333:instance/x",
                               "arn:aws:ec2:us:x:1:111122223333:instance/x"));
}

TEST_CASE("resource: arn:aws:*:*:*:* style patterns match specific ARNs of any service (§11.15)") {
  CHECK(resource_matches("arn:aws:*:*:*:*", "arn:aws:s3:::bucket"));
  CHECK(resource_matches("arn:aws:*:*:*:*", "arn:aws:iam::111122223333:role/x"));
  CHECK(resource_matches("arn:*:*:*:*:*", "arn:aws-cn:ec2:cn-north-1:111122223333:instance/i-1"));
  CHECK_FALSE(resource_matches("arn:aws:*:*:*:*", "arn:aws-us-gov:s3:::bucket"));
  // …but never the resource "*" of wildcard-only actions.
  CHECK_FALSE(resource_matches("arn:aws:*:*:*:*", "*"));
  CHECK_FALSE(resource_matches("arn:aws:s3:::*", "*"));
  CHECK_FALSE(resource_matches("arn:aws:iam::111122223333:role/x", "*"));
}

TEST_CASE("resource: a trailing * of a segment absorbs the following colons (pinned)") {
  // AWS: "arn:aws:iam::*" covers roles of every account.
  CHECK(resource_matches("arn:aws:iam::*", "arn:aws:iam::123456789012:role/x"));
  CHECK(resource_matches("arn:aws:iam::*", "arn:aws:iam::123456789012:user/path/bob"));
  CHECK_FALSE(resource_matches("arn:aws:iam::*", "arn:aws:s3:::bucket"));
  CHECK(resource_matches("arn:aws:s3:*", "arn:aws:s3:::bucket/key"));
  CHECK(resource_matches("arn:aws:*", "arn:aws:dynamodb:us-east-1:111122223333:table/t"));
  CHECK(resource_matches("arn:*", "arn:aws:sqs:eu-west-1:111122223333:queue"));
  // Prefix before the trailing star must still fit its own segment.
  CHECK(resource_matches("arn:aws:iam::1234*", "arn:aws:iam::123456789012:role/x"));
  CHECK_FALSE(resource_matches("arn:aws:iam::9*", "arn:aws:iam::123456789012:role/x"));
  // A trailing-star segment in the middle may absorb colons so later segments line up anywhere.
  CHECK(resource_matches("arn:aws:svc:*:111122223333:finance/*",
                         "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/x"));
  // A fewer-segment pattern without a trailing star does not cover longer ARNs.
  CHECK_FALSE(resource_matches("arn:aws:iam::123456789012", "arn:aws:iam::123456789012:role/x"));
  CHECK_FALSE(resource_matches("arn:aws:iam", "arn:aws:iam::123456789012:role/x"));
}

TEST_CASE("resource: many colons do not blow up") {
  std::string target = "arn:aws:svc:r:1:";
  for (int i = 0; i < 300; ++i) {
    target += "x:";
  }
  CHECK_FALSE(resource_matches("arn:*:*:*:*:y", target));
  CHECK(resource_matches("arn:*:*:*:*:x:", target));
}

TEST_CASE("arnlike: segment-wise, unlike StringLike (§6.2, §11.14)") {
  const char* pattern = "arn:aws:svc:*:111122223333:finance/*";
  CHECK_FALSE(arn_like_matches(pattern, "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/x"));
  CHECK(arn_like_matches(pattern, "arn:aws:svc:us-east-2:111122223333:finance/x"));
  CHECK(arn_like_matches(pattern, "arn:aws:svc:us-east-2:111122223333:finance/x:y"));
  CHECK_FALSE(arn_like_matches(pattern, "arn:aws:svc:us-east-2:111122223333:Finance/x"));
}

TEST_CASE("arnlike: common aws:SourceArn / aws:PrincipalArn patterns") {
  CHECK(arn_like_matches("arn:aws:iam::*:role/Admin*", "arn:aws:iam::111122223333:role/AdminOps"));
  CHECK_FALSE(arn_like_matches("arn:aws:iam::*:role/Admin*", "arn:aws:iam::111122223333:role/Dev"));
  CHECK(arn_like_matches("arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket"));
  CHECK_FALSE(arn_like_matches("arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket-2"));
  CHECK(arn_like_matches("arn:aws:sns:us-east-?:111122223333:topic", "arn:aws:sns:us-east-1:111122223333:topic"));
  // A value that is not an ARN never matches a six-segment pattern.
  CHECK_FALSE(arn_like_matches("arn:aws:*:*:*:*", "not-an-arn"));
}

TEST_CASE("arnlike: non-ARN patterns are whole-value globs (documented choice)") {
  CHECK(arn_like_matches("*", "arn:aws:s3:::bucket"));
  CHECK(arn_like_matches("*", "anything"));
  CHECK(arn_like_matches("arn:aws:iam::*", "arn:aws:iam::111122223333:role/x"));
  CHECK_FALSE(arn_like_matches("arn:aws:iam::*", "arn:aws:s3:::bucket"));
}

TEST_CASE("resource and arnlike: escaped patterns from variable substitution") {
  CHECK(resource_matches("arn:aws:s3:::bucket/a\\*b/*", "arn:aws:s3:::bucket/a*b/x", true));
  CHECK_FALSE(resource_matches("arn:aws:s3:::bucket/a\\*b/*", "arn:aws:s3:::bucket/aXb/x", true));
  CHECK(arn_like_matches("arn:aws:iam::111122223333:user/\\?", "arn:aws:iam::111122223333:user/?", true));
  CHECK_FALSE(arn_like_matches("arn:aws:iam::111122223333:user/\\?", "arn:aws:iam::111122223333:user/x", true));
  // An escaped star ending a segment is literal and absorbs nothing.
  CHECK_FALSE(resource_matches("arn:aws:iam::\\*", "arn:aws:iam::123456789012:role/x", true));
}
