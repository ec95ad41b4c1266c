// PL608: RCP Deny statements on aws:Source* keys that would also deny IAM principals.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> lint_rcp(const std::string& text) {
  return testing::lint_only(text, "PL608", policy::PolicyType::rcp);
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

TEST_CASE("PL608 rcp-source-key-without-service-principal-check: source keys not limited to services") {
  const std::string text = rcp_with(R"({"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcd1234ef"},
      "Null": {"aws:SourceAccount": "false"}})");
  // The Null check spares keyless requests: no finding. Without it the Deny catches IAM callers.
  CHECK(lint_rcp(text).empty());
  const std::string bare = rcp_with(R"({"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcd1234ef"}})");
  const auto ds = lint_rcp(bare);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(bare, "\"aws:SourceOrgID\""));
  CHECK(ds[0].statement == "ConfusedDeputy");
  CHECK(testing::contains(ds[0].message, "\"Bool\""));
  const std::string account = rcp_with(R"({"StringNotEquals": {"aws:SourceAccount": "111122223333"},
      "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}})");
  const auto a = lint_rcp(account);
  REQUIRE(a.size() == 1);
  CHECK(a[0].location.start == testing::position_of(account, "\"aws:SourceAccount\""));
}

TEST_CASE("PL608 rcp-source-key-without-service-principal-check: limited to AWS service principals") {
  // AWS's data-perimeter confused-deputy statement (identity_perimeter_rcp.json).
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:SourceOrgID": "o-abcd1234ef",
      "aws:SourceAccount": ["444455556666"], "aws:ResourceTag/dp:exclude:identity": "true"},
      "Null": {"aws:SourceAccount": "false"}, "Bool": {"aws:PrincipalIsAWSService": "true"}})"))
            .empty());
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:SourceOrgPaths": "o-abcd1234ef/r-ab12/*"},
      "Bool": {"aws:PrincipalIsAWSService": "true"}})"))
            .empty());
  // A positive operator in a Deny is false when the key is missing: IAM callers pass.
  CHECK(lint_rcp(rcp_with(R"({"StringEquals": {"aws:SourceAccount": "999988887777"}})")).empty());
}
