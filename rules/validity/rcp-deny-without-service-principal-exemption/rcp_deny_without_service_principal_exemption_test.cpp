// PL607: RCP Deny statements on principal keys that would also deny AWS service principals.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> lint_rcp(const std::string& text,
                                         std::optional<policy::PolicyType> type = policy::PolicyType::rcp) {
  return testing::lint_only(text, "PL607", type);
}

std::string rcp_with(const std::string& condition, const std::string& action = R"(["s3:*", "kms:*"])") {
  return testing::one_statement_policy({.sid = "EnforceOrgIdentities",
                                        .effect = "Deny",
                                        .principal = R"("*")",
                                        .action = action,
                                        .resource = R"("*")",
                                        .condition = condition});
}

} // namespace

TEST_CASE("PL607 rcp-deny-without-service-principal-exemption: principal keys without the service exemption") {
  const std::string text = rcp_with(R"({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcd1234ef"}})");
  const auto ds = lint_rcp(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"aws:PrincipalOrgID\""));
  CHECK(ds[0].statement == "EnforceOrgIdentities");
  CHECK(testing::contains(ds[0].message, "aws:PrincipalIsAWSService"));
  // Without IfExists a negated operator is true on a missing key as well.
  const std::string plain = rcp_with(
      R"({"StringNotEquals": {"aws:PrincipalAccount": ["111122223333"]}, "StringEquals": {"aws:ResourceAccount": "111122223333"}})");
  const auto p = lint_rcp(plain);
  REQUIRE(p.size() == 1);
  CHECK(p[0].location.start == testing::position_of(plain, "\"aws:PrincipalAccount\""));
  // An exemption that keeps services in: "aws:PrincipalIsAWSService" "true" is no exemption.
  CHECK(lint_rcp(rcp_with(R"({"ForAnyValue:StringNotLikeIfExists": {"aws:PrincipalOrgPaths": "o-abcd1234ef/r-ab12/*"},
      "Bool": {"aws:PrincipalIsAWSService": "true"}})"))
            .size() == 1);
}

TEST_CASE("PL607 rcp-deny-without-service-principal-exemption: exempted, narrowed or not an RCP") {
  // AWS's data-perimeter identity perimeter (resource_control_policies/identity_perimeter_rcp.json).
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcd1234ef",
      "aws:PrincipalAccount": ["444455556666"], "aws:ResourceTag/dp:exclude:identity": "true"},
      "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}})"))
            .empty());
  // A principal tag the Deny requires: services carry no tags, so they are not denied.
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:PrincipalAccount": "111122223333"},
      "StringEquals": {"aws:PrincipalTag/dp:include:network": "true"}})"))
            .empty());
  // Denying named accounts: false for a service, which sends no account.
  CHECK(lint_rcp(rcp_with(R"({"StringEquals": {"aws:PrincipalAccount": "999988887777"}})")).empty());
  // AWS's data-perimeter governance RCP: session tagging is not a service acting on a resource.
  CHECK(
      lint_rcp(rcp_with(R"({"Null": {"SAML:aud": "true"}, "StringNotEqualsIfExists": {"aws:PrincipalTag/team": "admin",
      "aws:PrincipalOrgID": "o-abcd1234ef"}, "ForAnyValue:StringLike": {"aws:TagKeys": ["dp:*", "team"]}})",
                        R"(["sts:TagSession"])"))
          .empty());
  // The same document without its type is a resource policy: not judged as an RCP.
  CHECK(lint_rcp(rcp_with(R"({"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abcd1234ef"}})"), std::nullopt)
            .empty());
}
