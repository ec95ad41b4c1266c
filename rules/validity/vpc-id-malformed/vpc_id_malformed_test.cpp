// PL606: aws:SourceVpc / aws:SourceVpce values that are not IDs of their kind.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string deny_outside(const std::string& key, const std::string& values) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"DenyOutside\",\n"
         "      \"Effect\": \"Deny\",\n      \"Action\": \"s3:*\",\n      \"Resource\": \"*\",\n"
         "      \"Condition\": {\"StringNotEquals\": {\"" +
         key + "\": " + values + "}}\n    }\n  ]\n}\n";
}

} // namespace

TEST_CASE("PL606 vpc-id-malformed: swapped keys and broken IDs on their token") {
  const std::string text = deny_outside("aws:SourceVpc", R"(["vpc-1a2b3c4d", "vpce-1a2b3c4d", "10.0.0.0/16"])");
  const auto ds = testing::lint_only(text, "PL606");
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == testing::position_of(text, "\"vpce-1a2b3c4d\""));
  CHECK(testing::contains(ds[0].message, "not a VPC ID"));
  CHECK(ds[1].location.start == testing::position_of(text, "\"10.0.0.0/16\""));
  const std::string endpoint = deny_outside("aws:sourcevpce", R"(["vpce-0123456789abcdef0", "vpc-1a2b3c4d", "vpce-1a2b3"])");
  CHECK(testing::lint_only(endpoint, "PL606").size() == 2);
}

TEST_CASE("PL606 vpc-id-malformed: long IDs and patterns are not reported") {
  CHECK(testing::lint_only(deny_outside("aws:SourceVpc", R"(["vpc-0123456789abcdef0", "vpc-1a2b3c4d"])"), "PL606")
            .empty());
  CHECK(testing::lint_only(deny_outside("aws:SourceVpce", R"("vpce-*")"), "PL606").empty());
  CHECK(testing::lint_only(deny_outside("aws:SourceVpc", R"("${aws:ResourceTag/vpc}")"), "PL606").empty());
}
