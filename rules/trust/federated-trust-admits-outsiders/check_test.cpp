// PL304 federated-trust-admits-outsiders: one trust per provider and per way of leaving the
// door open, the safe forms beside them, and every counterexample confirmed by the evaluator.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& federated, const std::string& condition,
                  const std::string& action = "sts:AssumeRoleWithWebIdentity") {
  std::string st = R"({"Effect": "Allow", "Principal": {"Federated": ")" + federated + R"("}, "Action": ")" + action + "\"";
  if (!condition.empty()) {
    st += R"(, "Condition": )" + condition;
  }
  return R"({"Version": "2012-10-17", "Statement": [)" + st + "}]}";
}

const std::string k_github = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const std::string k_gitlab = "arn:aws:iam::111122223333:oidc-provider/gitlab.com";
const std::string k_terraform = "arn:aws:iam::111122223333:oidc-provider/app.terraform.io";
const std::string k_buildkite = "arn:aws:iam::111122223333:oidc-provider/agent.buildkite.com";
const std::string k_eks =
    "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const std::string k_saml = "arn:aws:iam::111122223333:saml-provider/CorporateIdP";

// The findings, each counterexample re-evaluated on the policy and allowed.
std::vector<engine::Diagnostic> run(const std::string& text) {
  auto findings = testing::lint_text(text, {"PL304"});
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    CHECK(d.rule->code == "PL304");
    REQUIRE(d.counterexample.has_value());
    CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::allowed);
  }
  return findings;
}

std::string claim(const engine::Diagnostic& d, const std::string& key) {
  const auto* values = d.counterexample->request.context_values(key);
  return values != nullptr && !values->empty() ? values->front() : std::string("<absent>");
}

} // namespace

TEST_CASE("PL304 GitHub Actions: subjects an outsider's repository can carry") {
  const std::string sub = "token.actions.githubusercontent.com:sub";
  SUBCASE("audience only: any repository's workflow chooses that audience") {
    const auto f = run(trust(k_github, R"({"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})"));
    REQUIRE(f.size() == 1);
    CHECK(claim(f[0], sub).starts_with("repo:"));
    CHECK(claim(f[0], "token.actions.githubusercontent.com:aud") == "sts.amazonaws.com");
  }
  SUBCASE("an organisation prefix without the slash admits example-org-fork") {
    const auto f = run(trust(k_github, R"({"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org*"}})"));
    REQUIRE(f.size() == 1);
    CHECK_FALSE(claim(f[0], sub).starts_with("repo:example-org/"));
  }
  SUBCASE("a repository name under any owner") {
    const auto f = run(trust(k_github, R"({"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*/deploy:ref:refs/heads/main"}})"));
    REQUIRE(f.size() == 1);
    CHECK(claim(f[0], sub).ends_with("/deploy:ref:refs/heads/main"));
  }
  SUBCASE("only the reusable workflow is pinned: any repository may call a public workflow") {
    const auto f = run(trust(
        k_github, R"({"StringLike": {"token.actions.githubusercontent.com:job_workflow_ref": "example-org/shared/.github/workflows/deploy.yml@*"}})"));
    CHECK(f.size() == 1);
  }
  SUBCASE("safe: one repository and environment") {
    CHECK(run(trust(k_github, R"({"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:example-org/deploy:environment:production"}})"))
              .empty());
  }
  SUBCASE("safe: every repository of the own organisation") {
    CHECK(run(trust(k_github, R"({"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/*"}})")).empty());
  }
  SUBCASE("safe: the repository owner ID pinned in a separate claim") {
    CHECK(run(trust(k_github, R"({"StringEquals": {"token.actions.githubusercontent.com:repository_owner_id": "81234567"}, "StringLike": {"token.actions.githubusercontent.com:sub": "*"}})"))
              .empty());
  }
  SUBCASE("safe: ForAnyValue over the subject still has to match the own organisation") {
    CHECK(run(trust(k_github, R"({"ForAnyValue:StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/*"}})")).empty());
  }
  SUBCASE("a Deny of other owners closes what the Allow leaves open") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Principal": {"Federated": ")" + k_github + R"("}, "Action": "sts:AssumeRoleWithWebIdentity"},
      {"Effect": "Deny", "Principal": "*", "Action": "*", "Condition": {"StringNotLike": {"token.actions.githubusercontent.com:repository_owner": "example-org"}}}]})";
    CHECK(run(text).empty());
  }
}

TEST_CASE("PL304 other CI providers") {
  SUBCASE("GitLab: any project path") {
    CHECK(run(trust(k_gitlab, R"({"StringLike": {"gitlab.com:sub": "project_path:*:ref_type:branch:ref:main"}})")).size() == 1);
  }
  SUBCASE("GitLab: the own group is safe") {
    CHECK(run(trust(k_gitlab, R"({"StringLike": {"gitlab.com:sub": "project_path:example-group/*:ref_type:branch:ref:main"}})")).empty());
  }
  SUBCASE("HCP Terraform: audience only") {
    CHECK(run(trust(k_terraform, R"({"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"}})")).size() == 1);
  }
  SUBCASE("HCP Terraform: the own organization is safe") {
    CHECK(run(trust(k_terraform, R"({"StringEquals": {"app.terraform.io:aud": "aws.workload.identity"}, "StringLike": {"app.terraform.io:sub": "organization:example-org:project:*:workspace:*:run_phase:*"}})"))
              .empty());
  }
  SUBCASE("Buildkite: a wildcard organization") {
    CHECK(run(trust(k_buildkite, R"({"StringLike": {"agent.buildkite.com:sub": "organization:*:pipeline:deploy:*"}})")).size() == 1);
  }
  SUBCASE("Bitbucket and CircleCI issuers are private to one workspace or organization: silent") {
    CHECK(run(trust("arn:aws:iam::111122223333:oidc-provider/api.bitbucket.org/2.0/workspaces/example/pipelines-config/identity/oidc", ""))
              .empty());
    CHECK(run(trust("arn:aws:iam::111122223333:oidc-provider/oidc.circleci.com/org/0f3c0b8a-1234-4bcd-9abc-000000000000", "")).empty());
  }
  SUBCASE("an unknown issuer: nothing certain, silent") {
    CHECK(run(trust("arn:aws:iam::111122223333:oidc-provider/sso.example.com", "")).empty());
  }
}

TEST_CASE("PL304 EKS service accounts") {
  SUBCASE("audience only: every service account of the cluster") {
    const auto f = run(trust(k_eks, R"({"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com"}})"));
    REQUIRE(f.size() == 1);
    CHECK(claim(f[0], "oidc.eks.eu-west-1.amazonaws.com/id/exampled539d4633e53de1b71example:sub").starts_with("system:serviceaccount:"));
  }
  SUBCASE("safe: one namespace and service account") {
    CHECK(run(trust(k_eks, R"({"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:payments:api", "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud": "sts.amazonaws.com"}})"))
              .empty());
  }
}

TEST_CASE("PL304 Cognito identity pools and Google") {
  const std::string cognito = "cognito-identity.amazonaws.com";
  SUBCASE("no audience: another account's identity pool") {
    const auto f = run(trust(cognito, R"({"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})"));
    REQUIRE(f.size() == 1);
    CHECK(testing::codes_of(f).front() == "PL304");
  }
  SUBCASE("the pool pinned but not amr: its unauthenticated guests") {
    const auto f = run(trust(cognito, R"({"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012"}})"));
    REQUIRE(f.size() == 1);
    CHECK(claim(f[0], "cognito-identity.amazonaws.com:amr") == "unauthenticated");
  }
  SUBCASE("safe: pool and authenticated identities (AWS's documented trust)") {
    CHECK(run(trust(cognito, R"({"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})"))
              .empty());
  }
  SUBCASE("safe: the pool's role for guests says so") {
    CHECK(run(trust(cognito, R"({"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"}})"))
              .empty());
  }
  SUBCASE("Google without the own client ID") {
    CHECK(run(trust("accounts.google.com", "")).size() == 1);
    CHECK(run(trust("accounts.google.com", R"({"StringEquals": {"accounts.google.com:aud": "123456789012-abc.apps.googleusercontent.com"}})")).empty());
  }
}

TEST_CASE("PL304 Cognito: the stack's or module's own pool, known only after deployment, pins the audience") {
  const std::string cfn = R"({"Resources": {
  "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": false}},
  "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
     "Action": "sts:AssumeRoleWithWebIdentity",
     "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "Pool"}},
                   "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}]}}}}})";
  CHECK(testing::lint_text(cfn, {"PL304"}, "template.json").empty());
  const std::string tf = R"(resource "aws_cognito_identity_pool" "pool" {
  identity_pool_name = "pool"
}
resource "aws_iam_role" "authenticated" {
  name = "authenticated"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "cognito-identity.amazonaws.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals             = { "cognito-identity.amazonaws.com:aud" = aws_cognito_identity_pool.pool.id }
        "ForAnyValue:StringLike" = { "cognito-identity.amazonaws.com:amr" = "authenticated" }
      }
    }]
  })
}
)";
  CHECK(testing::lint_text(tf, {"PL304"}, "main.tf").empty());
  // A wildcard the author wrote is still one: any pool.
  std::string written = tf;
  written.replace(written.find("aws_cognito_identity_pool.pool.id"), 33, "\"*\"");
  CHECK(testing::lint_text(written, {"PL304"}, "main.tf").size() == 1);
}

TEST_CASE("PL304 SAML providers") {
  SUBCASE("no SAML:aud: an assertion issued for another application") {
    CHECK(run(trust(k_saml, "", "sts:AssumeRoleWithSAML")).size() == 1);
  }
  SUBCASE("safe: the AWS sign-in audience (the console's default trust)") {
    CHECK(run(trust(k_saml, R"({"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})", "sts:AssumeRoleWithSAML")).empty());
  }
}
