#pragma once
// Shared by the seed rules: the concrete requests they ask the evaluator about.
#include <policylint/engine/diagnostic.hpp>
#include <policylint/policy/model.hpp>
#include <policylint/query/request_search.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::rules::support {

// Actions an attacker with administrator keys would try first, then every literal
// (wildcard-free) action the policy names — so a Deny that covers only some services
// still leaves a concrete action in the counterexample.
[[nodiscard]] std::vector<std::string> probe_actions(const policy::Policy& policy);

// The concrete caller for one `AWS` principal value of a trust policy, or nullopt when the
// value cannot be a caller (a unique ID, a malformed value).
struct Caller {
  std::string arn;
  std::string account;
};
[[nodiscard]] std::optional<Caller> caller_for(const std::string& principal_value);

// Fixes the identity keys of `space` to the caller's.
void set_caller(query::SearchSpace& space, const Caller& caller);

// The evaluation was decided by (among others) this statement.
[[nodiscard]] bool decided_by(const eval::Evaluation& evaluation, const policy::Statement& statement);

[[nodiscard]] engine::Counterexample counterexample(const query::Found& found, std::vector<std::string> absent_keys,
                                                    std::string note);

// Keys the seed rules fix: long-term access keys carry no MFA keys at all.
inline constexpr const char* k_mfa_present = "aws:multifactorauthpresent";
inline constexpr const char* k_mfa_age = "aws:multifactorauthage";
inline constexpr const char* k_source_ip = "aws:sourceip";
inline constexpr const char* k_via_service = "aws:viaawsservice";

// The "*" (or "*:*") of an evaluable Allow's Action element — administrator access — or nullptr.
[[nodiscard]] const policy::Text* star_action(const policy::Statement& st);

// Keys an unauthenticated request never carries: who the caller is, how it signed in, its
// tags. (A signed-in outsider may carry tags it chose, so those stay free for it.)
[[nodiscard]] bool anonymous_lacks(std::string_view lower_key);

// Every condition key and policy-variable key ("${aws:PrincipalTag/team}" in a Resource or a
// condition value) the policy names, lower-case, in order of first mention.
[[nodiscard]] std::vector<std::string> mentioned_keys(const policy::Policy& policy);

} // namespace policylint::rules::support
