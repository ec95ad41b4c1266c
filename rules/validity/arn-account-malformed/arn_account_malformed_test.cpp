// PL039: an ARN account segment that is no account ID, on the ARN; the forms AWS uses are not.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with_resource(const std::string& element, const std::string& value) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Work\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"" +
         element + "\": " + value + "\n    }\n  ]\n}\n";
}

std::size_t count(const std::string& resource) {
  return testing::lint_only(with_resource("Resource", resource), "PL039").size();
}

} // namespace

TEST_CASE("PL039 arn-account-malformed: placeholders and IDs of the wrong length, on the ARN") {
  const std::string text =
      with_resource("Resource", R"(["arn:aws:sqs:us-east-1:111122223333:jobs", "arn:aws:sqs:us-east-1:ACCOUNT-ID:orders"])");
  const auto ds = testing::lint_only(text, "PL039");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws:sqs:us-east-1:ACCOUNT-ID:orders\""));
  CHECK(testing::contains(ds[0].message, "\"ACCOUNT-ID\""));
  CHECK(testing::contains(ds[0].message, "12-digit"));
  CHECK(ds[0].statement == "Work");
  CHECK(count(R"("arn:aws:glacier:us-west-2:99999999999:vaults/archive")") == 1);      // 11 digits
  CHECK(count(R"("arn:aws:lambda:us-east-1:1111222233334:function:f")") == 1);         // 13 digits
  CHECK(count(R"("arn:aws:execute-api:us-east-1:<account-id>:api/*")") == 1);
  CHECK(testing::lint_only(with_resource("NotResource", R"("arn:aws:sns:us-east-1:123456:alerts")"), "PL039").size() ==
        1);
}

TEST_CASE("PL039 arn-account-malformed: empty, aws, wildcards and variables are account segments AWS uses") {
  CHECK(count(R"("arn:aws:s3:::example-logs/111:222:333")") == 0); // colons after the account are the resource's
  CHECK(count(R"("arn:aws:iam::aws:policy/ReadOnlyAccess")") == 0);
  CHECK(count(R"("arn:aws:ec2:us-east-1::image/ami-*")") == 0);
  CHECK(count(R"("arn:aws:sqs:*:*:jobs")") == 0);
  CHECK(count(R"("arn:aws:sqs:us-east-1:11112222????:jobs")") == 0);
  CHECK(count(R"("arn:aws:dynamodb:us-east-1:${aws:PrincipalAccount}:table/t")") == 0);
  CHECK(count(R"("arn:aws:lambda:us-east-1:111122223333:function:f:PROD")") == 0);
  CHECK(count(R"("arn:aws:iam::*")") == 0); // fewer than six parts: PL008's, not an account
  // Principal ARNs are not Resource ARNs.
  const std::string trust =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": "
      "\"arn:aws:iam::ACCOUNT-ID:root\"}, \"Action\": \"sts:AssumeRole\"}]}";
  CHECK(testing::lint_only(trust, "PL039").empty());
}
