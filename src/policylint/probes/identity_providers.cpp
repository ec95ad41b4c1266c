#include <policylint/probes/identity_providers.hpp>

#include <policylint/eval/glob.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>

namespace policylint::probes {

// Facts from the providers' public documentation (the `source` of each entry): who can obtain
// a token, and which claims carry the holder's own organisation, project, namespace or ID.
// Claims not listed as owned (aud for the CI services, ref, environment, workflow, ...) are
// chosen by whoever runs the job, so the outsider may set them to anything.
const std::vector<IdentityProvider>& identity_providers() {
  static const std::vector<IdentityProvider> table{
      {"GitHub Actions",
       "token.actions.githubusercontent.com",
       false,
       false,
       true,
       {{"sub", "repo:*/*", "repo:", "/"},
        {"repository", "*/*", "", "/"},
        {"repository_owner", "*", "", ""},
        {"repository_owner_id", "*", "", ""},
        {"repository_id", "*", "", ""},
        {"actor", "*", "", ""},
        {"actor_id", "*", "", ""},
        {"enterprise", "*", "", ""},
        {"enterprise_id", "*", "", ""}},
       "a workflow in a repository of another GitHub account (any GitHub user can create one; the workflow "
       "chooses the audience, branch and environment)",
       "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/"
       "about-security-hardening-with-openid-connect"},
      {"GitLab",
       "gitlab.com",
       false,
       false,
       true,
       {{"sub", "project_path:*/*", "project_path:", "/"},
        {"namespace_path", "*", "", "/"},
        {"project_path", "*/*", "", "/"},
        {"namespace_id", "*", "", ""},
        {"project_id", "*", "", ""},
        {"user_id", "*", "", ""},
        {"user_login", "*", "", ""}},
       "a pipeline in a project of another gitlab.com group (the job chooses the audience, branch and environment)",
       "https://docs.gitlab.com/ci/secrets/id_token_authentication/"},
      {"Terraform Cloud",
       "app.terraform.io",
       false,
       false,
       true,
       {{"sub", "organization:*:project:*:workspace:*", "organization:", ":"},
        {"terraform_organization_name", "*", "", ""},
        {"terraform_organization_id", "*", "", ""},
        {"terraform_workspace_id", "*", "", ""}},
       "a run in another HCP Terraform organization (anyone can create one; the workspace chooses the audience)",
       "https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/"
       "workload-identity-tokens"},
      {"Buildkite",
       "agent.buildkite.com",
       false,
       false,
       true,
       {{"sub", "organization:*:pipeline:*", "organization:", ":"},
        {"organization_slug", "*", "", ""},
        {"organization_id", "*", "", ""},
        {"pipeline_id", "*", "", ""}},
       "a job in another Buildkite organization (the job chooses the audience)",
       "https://buildkite.com/docs/agent/v3/cli-oidc"},
      {"Google",
       "accounts.google.com",
       false,
       false,
       true,
       {{"aud", "*", "", ""}, {"oaud", "*", "", ""}, {"sub", "*", "", ""}, {"hd", "*", "", ""}},
       "a Google account signing in through another OAuth client (anyone can create one)",
       "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html"},
      {"Amazon Cognito identity pools",
       "cognito-identity.amazonaws.com",
       false,
       false,
       true,
       {{"aud", "*", "", ""}, {"sub", "*", "", ""}},
       "an identity of another account's identity pool (anyone can create one)",
       "https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html"},
      {"Amazon EKS (IAM roles for service accounts)",
       "oidc.eks.",
       true,
       false,
       true,
       {{"sub", "system:serviceaccount:*:*", "system:serviceaccount:", ":"}},
       "a pod of the cluster running as a service account of a namespace the trust does not name (the pod "
       "chooses the token's audience)",
       "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html"},
      // Issuers private to one workspace or organisation: an outsider cannot obtain a token.
      {"Bitbucket Pipelines",
       "api.bitbucket.org/2.0/workspaces/",
       true,
       false,
       false,
       {},
       "",
       "https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/"},
      {"CircleCI", "oidc.circleci.com/org/", true, false, false, {}, "", "https://circleci.com/docs/openid-connect-tokens/"},
      {"SAML 2.0",
       "saml-provider/",
       true,
       true,
       true,
       {{"aud", "*", "", ""}},
       "an assertion your identity provider issued for another application (another service provider's "
       "audience)",
       "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html"},
  };
  return table;
}

namespace {

std::string lower(std::string_view text) { return query::to_lower(text); }

} // namespace

ProviderMatch identity_provider_for(std::string_view federated_value) {
  const std::string value = lower(federated_value);
  // arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH] or arn:aws:iam::ACCOUNT:saml-provider/NAME;
  // the built-in providers are named by host alone.
  std::string issuer = value;
  bool saml = false;
  if (const auto at = value.find(":oidc-provider/"); at != std::string::npos) {
    issuer = value.substr(at + 15);
  } else if (const auto s = value.find(":saml-provider/"); s != std::string::npos) {
    issuer = "saml-provider/";
    saml = true;
  }
  for (const auto& p : identity_providers()) {
    if (p.saml != saml) {
      continue;
    }
    const bool match = p.issuer_is_prefix ? issuer.starts_with(p.issuer) : issuer == p.issuer;
    if (match) {
      return ProviderMatch{&p, saml ? std::string("saml:") : issuer + ":"};
    }
  }
  return {};
}

namespace {

// Every value the policy's conditions give `lower_key`.
std::vector<std::string> named_values(const policy::Policy& policy, const std::string& lower_key) {
  std::vector<std::string> out;
  for (const auto& st : policy.statements) {
    for (const auto& c : st.conditions) {
      if (lower(c.key.value) != lower_key) {
        continue;
      }
      for (const auto& v : c.values) {
        out.push_back(v.text);
      }
    }
  }
  return out;
}

// The claim's constraints: the outsider's value has the claim's shape and belongs to none of
// the owners the policy names (an owner written with a wildcard trusts every owner it matches,
// so it keeps nobody out).
void add_claim_constraints(const policy::Policy& policy, const std::string& key, const OwnedClaim& claim,
                           std::vector<query::KeyConstraint>& out) {
  out.push_back({"StringLike", key, {std::string(claim.shape)}});
  std::vector<std::string> not_like;
  std::vector<std::string> not_equal;
  for (const std::string& value : named_values(policy, key)) {
    if (!value.starts_with(claim.owner_prefix)) {
      continue;
    }
    const std::string rest = value.substr(claim.owner_prefix.size());
    if (claim.owner_end.empty()) {
      if (!eval::has_wildcard(rest)) {
        not_equal.push_back(value);
      }
      continue;
    }
    auto end = rest.find(claim.owner_end);
    if (end == std::string::npos) {
      // "repo:example-org*": the owner named literally is trusted; example-org-fork is not.
      end = rest.find_first_of("*?");
    }
    if (end == std::string::npos || end == 0) {
      continue;
    }
    const std::string owner = rest.substr(0, end);
    if (!eval::has_wildcard(owner)) {
      not_like.push_back(std::string(claim.owner_prefix) + owner + std::string(claim.owner_end) + "*");
    }
  }
  if (!not_like.empty()) {
    out.push_back({"StringNotLike", key, std::move(not_like)});
  }
  if (!not_equal.empty()) {
    out.push_back({"StringNotEquals", key, std::move(not_equal)});
  }
}

Caller token_caller(std::string principal, std::string description) {
  Caller c{std::move(principal), std::move(description), {}, {}};
  // Not an AWS principal: none of the keys of a signed-in caller or of a service path.
  for (const auto& key : caller_keys()) {
    fix_key(c, key, std::nullopt);
  }
  return c;
}

} // namespace

std::vector<OutsiderToken> outsider_tokens(const policy::Policy& policy, std::string_view federated_value) {
  const ProviderMatch match = identity_provider_for(federated_value);
  if (match.provider == nullptr || !match.provider->outsiders_get_tokens) {
    return {};
  }
  const IdentityProvider& p = *match.provider;
  const std::string action = p.saml ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
  std::vector<OutsiderToken> out;
  OutsiderToken token{token_caller(std::string(federated_value), std::string(p.outsider)), action, {}, &p,
                      match.key_prefix};
  for (const OwnedClaim& claim : p.owned) {
    add_claim_constraints(policy, match.key_prefix + std::string(claim.claim), claim, token.constraints);
  }
  if (p.saml) {
    // The assertion was issued for another service provider: its audience is not AWS's
    // sign-in endpoint (any region's).
    token.constraints.push_back({"StringNotLike", "saml:aud", {"https://*signin.aws.amazon.com/saml", "urn:amazon:webservices*"}});
  }
  out.push_back(std::move(token));
  if (p.issuer == "cognito-identity.amazonaws.com") {
    // A guest of the role's own identity pool: unauthenticated, unless the trust names
    // "unauthenticated" itself (the pool's role for guests).
    const auto amr = named_values(policy, match.key_prefix + "amr");
    const bool for_guests = std::any_of(amr.begin(), amr.end(), [](const std::string& v) {
      return lower(v).find("unauthenticated") != std::string::npos;
    });
    if (!for_guests) {
      OutsiderToken guest{token_caller(std::string(federated_value),
                                       "an unauthenticated guest of the identity pool (if the pool allows guests)"),
                          action, {}, &p, match.key_prefix};
      fix_key(guest.caller, match.key_prefix + "amr", std::vector<std::string>{"unauthenticated"});
      out.push_back(std::move(guest));
    }
  }
  return out;
}

} // namespace policylint::probes
