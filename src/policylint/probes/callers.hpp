#pragma once
// The attacker model: the callers a rule or a custom check puts in front of a resource or
// trust policy, as request principals with the keys AWS would send for them. One place, so
// that a fix to who an outsider is (which keys it carries, which it cannot choose) lands once
// for PL320, PL321 and the custom checks alike.
#include <policylint/policy/model.hpp>
#include <policylint/query/request_search.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policylint::probes {

// Circumstances the rules fix: long-term access keys carry no MFA keys at all.
inline constexpr const char* k_mfa_present = "aws:multifactorauthpresent";
inline constexpr const char* k_mfa_age = "aws:multifactorauthage";
inline constexpr const char* k_source_ip = "aws:sourceip";
inline constexpr const char* k_via_service = "aws:viaawsservice";

// Keys describing the caller and the path of the call; an outsider cannot choose them.
[[nodiscard]] const std::vector<std::string>& caller_keys();

// Keys only a service acting for a resource, or a call through a VPC endpoint, carries.
[[nodiscard]] const std::vector<std::string>& service_path_keys();

struct Caller {
  std::string principal;   // the request's principal ("*", an ARN, a service); empty: identity policy
  std::string description; // for messages: "an anonymous caller"
  // Keys fixed for this caller (lower-case): values, or absent.
  std::vector<std::pair<std::string, std::optional<std::vector<std::string>>>> keys;
  // Keys shown as absent in a counterexample (AWS spelling).
  std::vector<std::string> shown_absent;
};

// Sets (or replaces) one fixed key of the caller.
void fix_key(Caller& caller, const std::string& lower_key, std::optional<std::vector<std::string>> values);

// When `policy` names kms:CallerAccount (AWS's key-policy pattern), fixes it to the caller's
// account (absent for a caller without one): KMS's own name for who is calling.
void pin_service_account_keys(Caller& caller, const policy::Policy& policy);

// Fixes the caller's principal and keys in `space` (later fixes of the same key win).
void apply(query::SearchSpace& space, const Caller& caller);

// An unauthenticated caller: no identity keys, and none of the keys `policy` names that only a
// signed-in caller carries (principal tags, MFA, federation).
[[nodiscard]] Caller anonymous(const policy::Policy& policy);

// A user in `account`, organisation keys left free (any organisation, the policy's included),
// carrying none of the keys of a service or VPC endpoint path.
[[nodiscard]] Caller user_in(const std::string& account, const std::string& arn, std::string description);

// The unrelated account the outsiders below live in, and its organisation.
inline constexpr const char* k_outside_account = "444455556666";
inline constexpr const char* k_outside_org = "o-outsider00";

// Outsiders in the unrelated account with every identity key pinned (organisation
// o-outsider00): a user, and a web-identity role session (the only kind of caller that
// carries aws:FederatedProvider and the provider's own keys).
[[nodiscard]] Caller outside_user(const policy::Policy& policy);
[[nodiscard]] Caller outside_web_session(const policy::Policy& policy);

// Outsiders the policy's own wildcards admit: for each aws:PrincipalArn whose account is a
// wildcard ("arn:aws:iam::*:role/deploy": anyone can create a role of that name) and each
// wildcard aws:PrincipalAccount, a caller in an account that matches it, pinned like
// outside_user.
[[nodiscard]] std::vector<Caller> outsiders_admitted_by_wildcards(const policy::Policy& policy);

// The account and a concrete caller ARN for one `AWS` principal value ("*", an account ID,
// an ARN, ":root"), or nullopt when the value cannot be a caller (a unique ID, a malformed value).
struct AccountCaller {
  std::string arn;
  std::string account;
};
[[nodiscard]] std::optional<AccountCaller> account_caller(const std::string& principal_value);

// Fixes aws:PrincipalArn and aws:PrincipalAccount to the caller's.
void set_account_caller(query::SearchSpace& space, const AccountCaller& caller);

// Keys an unauthenticated request never carries: who the caller is, how it signed in, its
// tags. (A signed-in outsider may carry tags it chose, so those stay free for it.)
[[nodiscard]] bool anonymous_lacks(std::string_view lower_key);

// Every condition key and policy-variable key ("${aws:PrincipalTag/team}" in a Resource or a
// condition value) the policy names, lower-case, in order of first mention.
[[nodiscard]] std::vector<std::string> mentioned_keys(const policy::Policy& policy);

} // namespace policylint::probes
