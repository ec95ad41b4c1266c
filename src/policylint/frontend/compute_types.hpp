#pragma once
// Resources that run code with a role, as Terraform (AWS provider) and CloudFormation declare
// them: where the name and the role live, what the ARN is, and which service principal assumes
// the role. Facts from the provider's and the CloudFormation resource references and the AWS
// Service Authorization Reference.
#include <string>
#include <string_view>

namespace policylint::frontend {

struct ComputeType {
  std::string_view kind;                // "Lambda function", for messages
  std::string_view terraform_type;      // "aws_lambda_function"
  std::string_view terraform_name;      // "function_name"
  std::string_view terraform_role;      // "role", or "block.attribute" one nested block deep
  std::string_view cloudformation_type; // "AWS::Lambda::Function"; empty: none read
  std::string_view cloudformation_name; // "FunctionName"
  std::string_view cloudformation_role; // "Role", or "Property.Key" one object deep
  std::string_view cloudformation_ref_is_arn; // "yes" when Ref returns the ARN, else Ref is the name
  std::string_view cloudformation_arn_attribute; // the GetAtt that returns the ARN; empty: none
  std::string_view service;             // "lambda.amazonaws.com"
  // The ARN with {account} and {name}; the Region is the stack's or module's, unknown before
  // deployment ('*'), and so is an id AWS assigns (a stack's).
  std::string_view arn_format;
};

[[nodiscard]] const ComputeType* terraform_compute_type(std::string_view type);
[[nodiscard]] const ComputeType* cloudformation_compute_type(std::string_view type);

// The ARN of a resource of `type` with this name in this account.
[[nodiscard]] std::string compute_arn(const ComputeType& type, std::string_view account, std::string_view name);

} // namespace policylint::frontend
