#pragma once
// CloudFormation intrinsic functions inside policy documents, kept as symbolic values.
//
// A template is linted before deployment, so parameters, resource names and attributes are
// unknown. We turn each intrinsic into the string pattern that matches every value it could
// take, so that rules still judge the rest of the policy:
// - `Fn::Sub`: literal text kept, each `${Name}` replaced by what Name resolves to below,
//   `${!Literal}` kept as `${Literal}`; `Fn::Join` of resolvable parts likewise.
// - `Ref`: AWS::Partition → "aws", AWS::URLSuffix → "amazonaws.com", AWS::AccountId → the
//   template's own account, written k_template_account; a parameter with a literal Default →
//   that default; an IAM user/role/group/managed policy of the template → its name (ARN for a
//   managed policy); an SNS topic, SQS queue, named bucket, state machine or secret of the
//   template → its ARN (URL, name) in the stack's account (stack_resources.hpp); anything else
//   (AWS::Region, unnamed buckets, other parameters) → "*".
// - `Fn::GetAtt X.Arn` (SNS: `X.TopicArn`) of a resource of the template → its ARN, pinned to
//   the stack's account (an IAM user/role: exactly; S3 and Route 53 ARNs name no account); of
//   anything else → "arn:*:*:*:*:*" (any ARN); other attributes → "*".
// - `Ref AWS::NoValue` removes the member or element.
// - `Fn::If` inside a list (e.g. a Statement list) contributes both branches; elsewhere the
//   first branch that is not AWS::NoValue is used and PL020 (unresolved-intrinsic) says so.
// - Other functions (Fn::Select, Fn::FindInMap, Fn::ImportValue, Fn::Split, …) become "*",
//   with PL020 at the function.
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/value.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace policylint::frontend {

inline constexpr std::string_view k_template_account = "123456789012";

struct TemplateSymbols {
  std::map<std::string, std::string, std::less<>> parameter_defaults;
  std::map<std::string, std::string, std::less<>> refs; // logical id → what Ref returns
  // logical id → what GetAtt .Arn returns: a resource of the stack lives in the stack's own
  // account, so its ARN is pinned to that account even when its name is not known.
  std::map<std::string, std::string, std::less<>> arns;
  // logical id → the attribute other than Arn that returns the ARN (SNS topics: TopicArn).
  std::map<std::string, std::string, std::less<>> arn_attributes;
};

// True for {"Ref": …}, {"Fn::…": …} (a one-member object).
[[nodiscard]] bool is_intrinsic(const json::Value& value);
// Whether an intrinsic appears anywhere inside `value`.
[[nodiscard]] bool contains_intrinsic(const json::Value& value);

// Rewrites the intrinsics in a policy tree in place (see above); notes go to `notes`.
void resolve_intrinsics(json::Value& value, const TemplateSymbols& symbols, std::vector<Note>& notes,
                        const std::vector<std::string>& suppressed);

// The string a value stands for (names, ARNs outside policies), or nullopt when it is not a
// string and not an intrinsic this resolver understands.
[[nodiscard]] std::optional<std::string> resolve_string(const json::Value& value, const TemplateSymbols& symbols);

} // namespace policylint::frontend
