// PL034: aws:ARN in any case, on the key, once (PL007 does not report it too).
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& principal, const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Publish\",\n"
         "      \"Effect\": \"Allow\",\n" +
         principal + "      \"Action\": \"sns:Publish\",\n"
                     "      \"Resource\": \"arn:aws:sns:us-east-1:111122223333:uploads\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

const std::string k_service = "      \"Principal\": {\"Service\": \"s3.amazonaws.com\"},\n";

} // namespace

TEST_CASE("PL034 deprecated-aws-arn-key: aws:ARN in any case, on the key") {
  const std::string text = with("", R"({"ArnEquals": {"AWS:arn": "arn:aws:iam::111122223333:role/publisher"}})");
  const auto ds = testing::lint_only(text, "PL034");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"AWS:arn\""));
  CHECK(testing::contains(ds[0].message, "use aws:PrincipalArn"));
  CHECK(ds[0].statement == "Publish");
  // Only one finding for the key: PL007 (unknown key) leaves it to this rule.
  CHECK(testing::lint_only(text, "PL007").empty());

  // For a service principal the likely meaning is the source resource.
  const auto sd = testing::lint_only(with(k_service, R"({"ArnLike": {"aws:ARN": "arn:aws:s3:::example-uploads"}})"),
                                     "PL034");
  REQUIRE(sd.size() == 1);
  CHECK(testing::contains(sd[0].message, "use aws:SourceArn"));
}

TEST_CASE("PL034 deprecated-aws-arn-key: the keys that replace it and look-alikes are not reported") {
  CHECK(testing::lint_only(with(k_service, R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::example-uploads"}})"),
                           "PL034")
            .empty());
  CHECK(testing::lint_only(with("", R"({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/p"}})"),
                           "PL034")
            .empty());
  CHECK(testing::lint_only(with("", R"({"StringEquals": {"sns:Protocol": "arn"}})"), "PL034").empty());
}
