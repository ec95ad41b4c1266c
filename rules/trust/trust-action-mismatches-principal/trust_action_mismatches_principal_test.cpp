// PL305: trust statements whose assume action does not fit their one kind of principal.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& principal, const std::string& actions) {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "Trust", "Effect": "Allow", "Principal": )" + principal +
         R"(, "Action": )" + actions + "}]}";
}

const std::string k_saml = R"({"Federated": "arn:aws:iam::111122223333:saml-provider/CorporateIdP"})";
const std::string k_oidc = R"({"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"})";

} // namespace

TEST_CASE("PL305 trust-action-mismatches-principal: the assume action of another kind, on its token") {
  SUBCASE("SAML provider with sts:AssumeRole; the companion is not reported") {
    const std::string text = trust(k_saml, R"(["sts:AssumeRole", "sts:TagSession"])");
    const auto ds = testing::lint_only(text, "PL305");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == testing::position_of(text, "\"sts:AssumeRole\""));
    CHECK(ds[0].statement == "Trust");
    CHECK(testing::contains(ds[0].message, "sts:AssumeRoleWithSAML"));
  }
  SUBCASE("OIDC provider with the SAML action") {
    const std::string text = trust(k_oidc, R"("sts:AssumeRoleWithSAML")");
    const auto ds = testing::lint_only(text, "PL305");
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds[0].message, "sts:AssumeRoleWithWebIdentity"));
  }
  SUBCASE("Cognito domain with sts:AssumeRole, case as written") {
    const std::string text = trust(R"({"Federated": "cognito-identity.amazonaws.com"})", R"("STS:assumerole")");
    const auto ds = testing::lint_only(text, "PL305");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == testing::position_of(text, "\"STS:assumerole\""));
  }
  SUBCASE("an AWS principal with the web identity action") {
    const std::string text = trust(R"({"AWS": "arn:aws:iam::111122223333:root"})", R"("sts:AssumeRoleWithWebIdentity")");
    CHECK(testing::lint_only(text, "PL305").size() == 1);
  }
}

TEST_CASE("PL305 negatives: fitting actions, wildcards, companions alone, mixed principals") {
  CHECK(testing::lint_only(trust(k_saml, R"(["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"])"), "PL305").empty());
  CHECK(testing::lint_only(trust(k_oidc, R"(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"])"), "PL305").empty());
  // A wildcard covers the fitting action, so the stray literal beside it is not a mismatch.
  CHECK(testing::lint_only(trust(k_saml, R"(["sts:AssumeRole*"])"), "PL305").empty());
  CHECK(testing::lint_only(trust(k_saml, R"(["sts:AssumeRole", "sts:*"])"), "PL305").empty());
  CHECK(testing::lint_only(trust(R"({"Service": "ec2.amazonaws.com"})", R"(["sts:AssumeRole", "sts:SetContext"])"), "PL305").empty());
  // A principal of each kind: each action fits one of them.
  CHECK(testing::lint_only(trust(R"({"AWS": "arn:aws:iam::111122223333:root", "Federated": "accounts.google.com"})",
                                 R"(["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"])"),
                           "PL305")
            .empty());
  // "*" may be anyone.
  CHECK(testing::lint_only(trust(R"("*")", R"("sts:AssumeRoleWithSAML")"), "PL305").empty());
}

TEST_CASE("PL305 mixed principals: each principal that no action fits, on its value") {
  // An AWS account and a SAML provider, with the SAML action only: the account never gets in.
  const std::string text = trust(R"({"AWS": "arn:aws:iam::111122223333:root", "Federated": "arn:aws:iam::111122223333:saml-provider/CorporateIdP"})",
                                 R"(["sts:AssumeRoleWithSAML", "sts:TagSession"])");
  const auto ds = testing::lint_only(text, "PL305");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws:iam::111122223333:root\""));
  CHECK(ds[0].statement == "Trust");
  CHECK(testing::contains(ds[0].message, "sts:AssumeRole only"));
  // A service and an OIDC provider with sts:AssumeRole only: the provider is the one left out.
  const std::string oidc = trust(R"({"Service": "lambda.amazonaws.com", "Federated": "accounts.google.com"})",
                                 R"("sts:AssumeRole")");
  const auto od = testing::lint_only(oidc, "PL305");
  REQUIRE(od.size() == 1);
  CHECK(od[0].location.start == testing::position_of(oidc, "\"accounts.google.com\""));
  // "*" beside a provider fits any action; companions alone assume nothing.
  CHECK(testing::lint_only(trust(R"({"AWS": "*", "Federated": "accounts.google.com"})", R"("sts:AssumeRoleWithWebIdentity")"),
                           "PL305")
            .empty());
  CHECK(testing::lint_only(trust(R"({"AWS": "arn:aws:iam::111122223333:root", "Federated": "accounts.google.com"})",
                                 R"("sts:TagSession")"),
                           "PL305")
            .empty());
}
