#pragma once
// CloudFormation and SAM templates (JSON, or YAML converted by yaml_tree.hpp): the policy
// documents of IAM, S3, SQS, SNS, KMS, Secrets Manager and SAM function resources, and the
// users, groups and roles they attach to. See docs/inputs.md for the resource list.
#include <policylint/frontend/collector.hpp>
#include <policylint/json/value.hpp>

namespace policylint::frontend {

[[nodiscard]] bool looks_like_template(const json::Value& root);
void extract_cloudformation(const json::Value& root, Collector& collector);

} // namespace policylint::frontend
