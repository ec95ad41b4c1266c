// PL038: an upper-case letter in an ARN's service segment, on the ARN; other segments are not.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with_resource(const std::string& element, const std::string& value) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"dynamodb:GetItem\"],\n      \"" +
         element + "\": " + value + "\n    }\n  ]\n}\n";
}

} // namespace

TEST_CASE("PL038 arn-service-not-lower-case: an upper-case service segment, on the ARN") {
  const std::string text = with_resource("Resource", R"(["arn:aws:s3:::example-logs/*", "arn:aws:S3:::example-data/*"])");
  const auto ds = testing::lint_only(text, "PL038");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws:S3:::example-data/*\""));
  CHECK(testing::contains(ds[0].message, "write \"s3\""));
  CHECK(ds[0].statement == "Read");

  const std::string denied =
      with_resource("NotResource", R"("arn:aws:DynamoDB:us-east-1:111122223333:table/Orders")");
  const auto nd = testing::lint_only(denied, "PL038");
  REQUIRE(nd.size() == 1);
  CHECK(testing::contains(nd[0].message, "\"dynamodb\""));
}

TEST_CASE("PL038 arn-service-not-lower-case: other segments, wildcards and variables are not reported") {
  // Upper case in the resource part is the resource's own name (case-sensitive, legitimate).
  CHECK(testing::lint_only(with_resource("Resource", R"("arn:aws:s3:::Example-Logs/Reports/*")"), "PL038").empty());
  // Region and account segments are other checks' business, not the service's case.
  CHECK(testing::lint_only(with_resource("Resource", R"("arn:aws:dynamodb:US-EAST-1:111122223333:table/T")"), "PL038")
            .empty());
  CHECK(testing::lint_only(with_resource("Resource", R"("arn:aws:*:*:111122223333:*")"), "PL038").empty());
  CHECK(testing::lint_only(with_resource("Resource", R"("arn:aws:${Service}:::example")"), "PL038").empty());
  CHECK(testing::lint_only(with_resource("Resource", R"("*")"), "PL038").empty());
}
