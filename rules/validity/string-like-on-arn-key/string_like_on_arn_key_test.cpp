// PL604: StringLike on ARN-typed keys, on the operator; other types and operators are not.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Publish\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"sns:Publish\",\n"
         "      \"Resource\": \"arn:aws:sns:us-east-1:111122223333:alerts\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

} // namespace

TEST_CASE("PL604 string-like-on-arn-key: StringLike and StringNotLike on ARN keys") {
  const std::string text = with(R"({"StringNotLikeIfExists": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin-*"}})");
  const auto ds = testing::lint_only(text, "PL604");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"StringNotLikeIfExists\""));
  CHECK(testing::contains(ds[0].message, "ArnNotLike"));
  CHECK(ds[0].statement == "Publish");
  CHECK(testing::lint_only(with(R"({"StringLike": {"aws:SourceArn": "arn:aws:s3:::example-*"}})"), "PL604").size() ==
        1);
}

TEST_CASE("PL604 string-like-on-arn-key: ARN operators and string keys are not reported") {
  CHECK(testing::lint_only(with(R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::example-*"}})"), "PL604").empty());
  CHECK(testing::lint_only(with(R"({"StringLike": {"aws:ResourceTag/team": "ops-*"}})"), "PL604").empty());
  // StringEquals compares the whole ARN exactly: no '*' to stretch across parts.
  CHECK(testing::lint_only(with(R"({"StringEquals": {"aws:SourceArn": "arn:aws:s3:::example-logs"}})"), "PL604")
            .empty());
}
