#pragma once
// What an input's context says about a policy's type (docs/policy-types.md): the service whose
// resource holds a resource-based policy, by the CloudFormation or Terraform resource type that
// carries it, and the SCP/RCP type of an AWS Organizations policy. Nothing here guesses from
// the document itself.
#include <policylint/frontend/collector.hpp>
#include <policylint/policy/builder.hpp>

#include <optional>
#include <string_view>

namespace policylint::frontend {

// "s3" for AWS::S3::BucketPolicy and aws_s3_bucket_policy, "kms" for a key policy…; nullopt for
// types whose policy governs several services (VPC endpoint policies) or that are not listed.
[[nodiscard]] std::optional<std::string_view> resource_policy_service(std::string_view resource_type);

// AWS::Organizations::Policy's `Type` / aws_organizations_policy's `type`:
// SERVICE_CONTROL_POLICY → scp, RESOURCE_CONTROL_POLICY → rcp; other policy types (tag,
// backup, AI opt-out) are not IAM policies: nullopt.
[[nodiscard]] std::optional<policy::PolicyType> organizations_policy_type(std::string_view type);

// Records the resource type's service on a resource policy's info (type resource), when known.
void add_resource_context(DocumentInfo& info, std::string_view resource_type);

} // namespace policylint::frontend
