#pragma once
// Whether an input holds IAM content at all (docs/inputs.md, "What is read as a policy"): a
// repository's package.json or tsconfig.json is not a malformed policy, but a policy with a
// misspelt element name still is one, so that its mistakes are reported.
#include <policylint/json/value.hpp>

#include <string_view>

namespace policylint::frontend {

// A parsed JSON root that looks like a policy: an object with `Statement` (or a near miss of
// it holding an array or object), a policy `Version` (a date such as "2012-10-17"), or the
// elements of a statement at the top level (`Effect` with Allow/Deny, or two of Effect,
// Action, NotAction, Principal, Resource, Condition and their near misses, one of them Effect
// or Action); or an array of such objects.
[[nodiscard]] bool looks_like_policy(const json::Value& root);

// Text that is not valid JSON (truncated, commented, UTF-16) names IAM content when one of its
// keys would make a parsed root a policy, or names what a template, plan, snapshot or CLI
// response holds (`AWSTemplateFormatVersion`, `PolicyDocument`, `planned_values`, ...). Empty
// or blank text counts as IAM content: nothing says it is anything else, and an emptied policy
// must not pass unnoticed.
[[nodiscard]] bool text_names_iam_content(std::string_view text);

} // namespace policylint::frontend
