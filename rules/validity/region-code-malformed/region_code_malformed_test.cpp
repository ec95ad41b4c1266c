// PL044: a Region code that cannot be one, in aws:RequestedRegion and in ARN region segments.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& resource, const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Regions\",\n"
         "      \"Effect\": \"Deny\",\n      \"Action\": \"ec2:*\",\n      \"Resource\": " +
         resource + ",\n      \"Condition\": " + condition + "\n    }\n  ]\n}\n";
}

std::size_t in_condition(const std::string& values) {
  return testing::lint_only(with("\"*\"", R"({"StringNotEquals": {"aws:RequestedRegion": )" + values + "}}"), "PL044")
      .size();
}

std::size_t in_arn(const std::string& arn) {
  return testing::lint_only(with("\"" + arn + "\"", R"({"Bool": {"aws:SecureTransport": "false"}})"), "PL044").size();
}

} // namespace

TEST_CASE("PL044 region-code-malformed: aws:RequestedRegion values, on the value") {
  const std::string text = with("\"*\"", R"({"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central"]}})");
  const auto ds = testing::lint_only(text, "PL044");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"eu-central\""));
  CHECK(ds[0].statement == "Regions");
  CHECK(testing::contains(ds[0].message, "\"eu-central\" in the StringNotEquals condition"));

  const auto upper = testing::lint_only(with("\"*\"", R"({"StringEquals": {"AWS:RequestedRegion": "US-EAST-1"}})"), "PL044");
  REQUIRE(upper.size() == 1);
  CHECK(testing::contains(upper[0].message, "Region codes are lower case: us-east-1"));
  CHECK(in_condition(R"("useast1")") == 1);
  CHECK(in_condition(R"("region")") == 1);
}

TEST_CASE("PL044 region-code-malformed: ARN region segments, on the ARN") {
  const std::string text = with(R"("arn:aws:ec2:us-east:111122223333:instance/*")",
                                R"({"Bool": {"aws:SecureTransport": "false"}})");
  const auto ds = testing::lint_only(text, "PL044");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws:ec2:us-east:"));
  CHECK(testing::contains(ds[0].message, "region segment \"us-east\""));
  CHECK(in_arn("arn:aws:ec2:EU-WEST-1:111122223333:instance/*") == 1);
}

TEST_CASE("PL044 region-code-malformed: real, well-formed, wildcard and variable codes are not reported") {
  CHECK(in_condition(R"(["us-east-1", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1", "eusc-de-east-1"])") == 0);
  // Not in the list but of the form AWS uses: a Region added later.
  CHECK(in_condition(R"("ap-northeast-9")") == 0);
  CHECK(in_condition(R"(["eu-*", "us-east-?", "${aws:PrincipalTag/home-region}"])") == 0);
  CHECK(testing::lint_only(with("\"*\"", R"({"StringEquals": {"aws:SourceVpc": "useast1"}})"), "PL044").empty());
  CHECK(in_arn("arn:aws:s3:::example-data/*") == 0);
  CHECK(in_arn("arn:aws:ec2:*:111122223333:instance/*") == 0);
  CHECK(in_arn("arn:aws:ec2:${AWS::Region}:111122223333:instance/*") == 0);
  CHECK(in_arn("arn:aws-us-gov:ec2:us-gov-east-1:111122223333:instance/*") == 0);
}
