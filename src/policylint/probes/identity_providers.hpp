#pragma once
// What the attacker model knows about identity providers: for each well-known OIDC issuer
// (and SAML), whether someone outside the role's organisation can obtain a token from it at
// all, and which claims name the token's holder (an outsider's token carries its own values
// there; every other claim the outsider chooses). The table and its public sources are in
// identity_providers.cpp; docs/trust-coverage.md lists them.
#include <policylint/policy/model.hpp>
#include <policylint/probes/callers.hpp>
#include <policylint/query/engine.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace policylint::probes {

// A claim that names the token's holder. `shape` is a StringLike pattern every value of the
// claim has; `owner_prefix`/`owner_end` cut the owner (organisation, namespace, project
// group) out of a value the policy names, so the outsider's value can be kept out of every
// owner the policy trusts: the value must not match `owner_prefix + OWNER + owner_end + "*"`.
// An empty `owner_end` means the whole value after the prefix is the owner.
struct OwnedClaim {
  std::string_view claim; // lower-case, without the issuer: "sub"
  std::string_view shape;
  std::string_view owner_prefix;
  std::string_view owner_end;
};

struct IdentityProvider {
  std::string_view name;   // "GitHub Actions"
  std::string_view issuer; // lower-case host (and path) of the issuer, as the provider ARN ends
  bool issuer_is_prefix;   // the issuer names a family ("oidc.eks." + region + ...)
  bool saml;               // a SAML provider (keys SAML:...)
  // Anyone can obtain a token from this issuer (a public CI service, a public identity
  // provider). False: the issuer itself is private to one organisation, cluster or workspace.
  bool outsiders_get_tokens;
  std::vector<OwnedClaim> owned;
  std::string_view outsider; // who the outsider is, for messages
  std::string_view source;   // the public documentation the claims come from
};

[[nodiscard]] const std::vector<IdentityProvider>& identity_providers();

// The provider a `Federated` principal names, with the prefix of its condition keys
// ("token.actions.githubusercontent.com:" or "saml:"); nullptr when it is not a known one.
struct ProviderMatch {
  const IdentityProvider* provider = nullptr;
  std::string key_prefix;
};
[[nodiscard]] ProviderMatch identity_provider_for(std::string_view federated_value);

// A token an outsider can present to AssumeRoleWithWebIdentity / AssumeRoleWithSAML for the
// `Federated` principal `federated_value`: the caller (principal and fixed keys) and the
// constraints its claims meet. Empty when no outsider can obtain one.
struct OutsiderToken {
  Caller caller;
  std::string action;
  std::vector<query::KeyConstraint> constraints;
  const IdentityProvider* provider = nullptr;
  std::string key_prefix;
};
[[nodiscard]] std::vector<OutsiderToken> outsider_tokens(const policy::Policy& policy, std::string_view federated_value);

} // namespace policylint::probes
