#pragma once
// Responses of the AWS CLI that wrap one policy: `iam get-role` (Role.AssumeRolePolicyDocument),
// `iam get-policy-version` (PolicyVersion.Document), `iam get-role-policy` / `get-user-policy`
// / `get-group-policy` (PolicyDocument), `s3api get-bucket-policy` and `kms get-key-policy`
// ({"Policy": "<JSON string>"}), `sqs get-queue-attributes` and `sns get-topic-attributes`
// (Attributes.Policy). Documents may be objects, JSON strings or URL-encoded strings.
#include <policylint/frontend/collector.hpp>

namespace policylint::frontend {

[[nodiscard]] bool looks_like_cli_response(const json::Value& root);
void extract_cli_response(const json::Value& root, Collector& collector);

} // namespace policylint::frontend
