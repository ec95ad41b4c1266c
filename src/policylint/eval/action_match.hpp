#pragma once
// Action / NotAction matching (iam-semantics §3).
#include <policylint/policy/model.hpp>

#include <string_view>

namespace policylint::eval {

// Does the policy's action pattern ("s3:Get*", "*") cover the request's action
// ("s3:GetObject")? Case-insensitive; the service prefix is matched as a whole, so
// "s3:*" does not cover "s3-object-lambda:GetObject".
[[nodiscard]] bool action_matches(std::string_view pattern, std::string_view action);

// Does a statement's Action element cover the action (a NotAction element: leave it out)?
// An absent element covers nothing.
[[nodiscard]] bool action_element_covers(const policy::ValueList& element, std::string_view action);

} // namespace policylint::eval
