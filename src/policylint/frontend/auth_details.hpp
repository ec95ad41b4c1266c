#pragma once
// `aws iam get-account-authorization-details` snapshots: users, groups and roles with their
// inline policies, attached managed policies, trust policies and permissions boundaries, and
// the customer and AWS managed policies with their versions. Documents are JSON objects or
// URL-encoded JSON strings (as the raw IAM API returns them).
//
// What is linted: every inline policy, every trust policy, and the default version of each
// customer managed policy. AWS managed policies (arn:aws:iam::aws:policy/...) and non-default
// versions enter the account model (for cross-policy rules) but are not linted: findings on
// them are not actionable by the account owner.
#include <policylint/frontend/collector.hpp>

namespace policylint::frontend {

[[nodiscard]] bool looks_like_auth_details(const json::Value& root);
void extract_auth_details(const json::Value& root, Collector& collector);

} // namespace policylint::frontend
