// PL609: RCP Deny statements on aws:Source* keys without a Null check.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> lint_rcp(const std::string& text) {
  return testing::lint_only(text, "PL609", policy::PolicyType::rcp);
}

std::string rcp_with(const std::string& condition) {
  return testing::one_statement_policy({.sid = "ConfusedDeputy",
                                        .effect = "Deny",
                                        .principal = R"("*")",
                                        .action = R"(["s3:*", "sqs:*"])",
                                        .resource = R"("*")",
                                        .condition = condition});
}

} // namespace

TEST_CASE("PL609 rcp-source-key-without-null-check: a source key without its Null check") {
  const std::string text = rcp_with(R"({"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcd1234ef"},
      "Bool": {"aws:PrincipalIsAWSService": "true"}})");
  const auto ds = lint_rcp(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"aws:SourceOrgID\""));
  CHECK(ds[0].statement == "ConfusedDeputy");
  CHECK(testing::contains(ds[0].message, "\"Null\": {\"aws:SourceOrgID\": \"false\"}"));
  const std::string arn = rcp_with(R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*"},
      "Bool": {"aws:PrincipalIsAWSService": "true"}})");
  const auto a = lint_rcp(arn);
  REQUIRE(a.size() == 1);
  CHECK(a[0].location.start == testing::position_of(arn, "\"aws:SourceArn\""));
}

TEST_CASE("PL609 rcp-source-key-without-null-check: a Null check or a positive operator") {
  // AWS's data-perimeter confused-deputy statement (identity_perimeter_rcp.json): one Null check
  // on aws:SourceAccount limits the whole statement to requests that carry source keys.
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcd1234ef",
      "aws:SourceAccount": ["444455556666"], "aws:ResourceTag/dp:exclude:identity": "true"},
      "Null": {"aws:SourceAccount": "false"}, "Bool": {"aws:PrincipalIsAWSService": "true"}})"))
            .empty());
  CHECK(lint_rcp(rcp_with(R"({"StringEquals": {"aws:SourceAccount": "999988887777"}})")).empty());
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcd1234ef"},
      "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}})"))
            .empty());
}
