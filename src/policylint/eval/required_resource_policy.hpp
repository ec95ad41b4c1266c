#pragma once
// Services whose resource policy must grant access itself: for a KMS key the key policy, for a
// role its trust policy. An identity policy alone allows nothing there; a resource policy that
// names the caller's account (":root", the account id) delegates to the identity policies,
// which must then allow too (AWS KMS developer guide, "Key policies"; IAM user guide, "Policy
// evaluation logic" and "Granting a user permissions to switch roles").
#include <policylint/eval/evaluator.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace policylint::eval {

// What must grant `action` ("the key policy", "the role's trust policy"), or nullopt for
// actions an identity policy can allow alone.
[[nodiscard]] std::optional<std::string_view> resource_policy_must_grant(std::string_view action);

// What an answer drawn from identity policies alone assumes for such an action, stated where a
// finding or a diff shows the request ("the key policy must also allow kms:Decrypt; assumed:
// the default key policy, which delegates to IAM policies"); nullopt for other actions.
[[nodiscard]] std::optional<std::string> resource_policy_assumption(std::string_view action);

// AWS's decision for such an action: an explicit Deny in any policy wins; else the resource
// policy must allow the caller, directly (its ARN, its role, "*"), or through its account, in
// which case the identity policies must allow it as well.
[[nodiscard]] Evaluation evaluate_with_required_resource_policy(std::span<const policy::Policy* const> identity,
                                                                const policy::Policy& resource, const Request& request);

} // namespace policylint::eval
