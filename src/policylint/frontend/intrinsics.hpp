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
//   managed policy); anything else (AWS::Region, buckets, other parameters) → "*".
// - `Fn::GetAtt X.Arn` of an IAM user/role of the template → its ARN; of another resource →
//   "arn:*:*:*:*:*" (any ARN); other attributes → "*".
// - `Ref AWS::NoValue` removes the member or element.
// - `Fn::If` inside a list (e.g. a Statement list) contributes both branches; elsewhere the
//   first branch that is not AWS::NoValue is used and PL020 (unresolved-intrinsic) says so.
// - Other functions (Fn::Select, Fn::FindInMap, Fn::ImportValue, Fn::Split, …) become "*",
//   with PL020 at the function.
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/value.hpp>

#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace policylint::frontend {

inline constexpr std::string_view k_template_account = "123456789012";

struct TemplateSymbols {
  std::map<std::string, std::string, std::less<>> parameter_defaults;
  std::map<std::string, std::string, std::less<>> refs; // logical id → what Ref returns
  std::map<std::string, std::string, std::less<>> arns; // logical id → what GetAtt .Arn returns
  // The template's resources whose ARNs name an account: one whose ARN is not known exactly
  // still lives in the stack's own account, so its GetAtt .Arn is pinned to that account.
  std::set<std::string, std::less<>> resources_with_account;
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
