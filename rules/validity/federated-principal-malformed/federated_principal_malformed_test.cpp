// PL033: Federated values of a role trust policy that are neither a provider ARN nor a domain.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& federated, const std::string& action = "sts:AssumeRoleWithWebIdentity") {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "Idp", "Effect": "Allow", "Principal": {"Federated": )" +
         federated + R"(}, "Action": ")" + action + R"("}]})";
}

} // namespace

TEST_CASE("PL033 federated-principal-malformed: each malformed value on its token") {
  const std::string text = trust(R"(["https://token.actions.githubusercontent.com", "arn:aws:iam:::oidc-provider/gitlab.com",
    "arn:aws:iam::111122223333:saml-provider/", "CorporateIdP", "arn:aws:iam::111122223333:role/Federation",
    "arn:aws:iam::111122223333:oidc-provider/", "arn:aws:iam::11112222333:saml-provider/IdP"])");
  const auto ds = testing::lint_only(text, "PL033");
  REQUIRE(ds.size() == 7);
  CHECK(ds[6].location.start == testing::position_of(text, "\"arn:aws:iam::11112222333:saml-provider/IdP\""));
  CHECK(ds[0].location.start == testing::position_of(text, "\"https://token.actions.githubusercontent.com\""));
  CHECK(ds[1].location.start == testing::position_of(text, "\"arn:aws:iam:::oidc-provider/gitlab.com\""));
  CHECK(ds[3].location.start == testing::position_of(text, "\"CorporateIdP\""));
  CHECK(ds[4].location.start == testing::position_of(text, "\"arn:aws:iam::111122223333:role/Federation\""));
  CHECK(ds[0].statement == "Idp");
  CHECK(testing::contains(ds[0].message, "saml-provider/NAME"));
}

TEST_CASE("PL033 negatives: provider ARNs in every partition, EKS paths, domains, template values") {
  for (const char* value :
       {R"("arn:aws:iam::111122223333:saml-provider/Corporate_IdP-2")", R"("arn:aws-cn:iam::111122223333:saml-provider/IdP")",
        R"("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com")",
        R"("arn:aws-us-gov:iam::111122223333:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE")",
        R"("cognito-identity.amazonaws.com")", R"("accounts.google.com")", R"("graph.facebook.com")", R"("www.amazon.com")",
        R"("arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com")",
        // Documentation placeholders for the account: a template, not a deployed value.
        R"("arn:aws:iam::account-id:saml-provider/ExampleOrgSSOProvider")",
        R"("arn:aws:iam::<AWS_ACCOUNT_ID>:oidc-provider/<OIDC_PROVIDER>")"}) {
    CAPTURE(value);
    CHECK(testing::lint_only(trust(value), "PL033").empty());
  }
  // Outside a trust policy a Federated principal is PL032's (with a known type), not this rule's.
  const std::string bucket = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "IdP"},
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]})";
  CHECK(testing::lint_only(bucket, "PL033").empty());
}
