#include <policylint/frontend/compute_types.hpp>

#include <array>

namespace policylint::frontend {
namespace {

constexpr std::array<ComputeType, 7> k_types{{
    {"Lambda function", "aws_lambda_function", "function_name", "role", "AWS::Lambda::Function", "FunctionName",
     "Role", "", "Arn", "lambda.amazonaws.com", "arn:aws:lambda:*:{account}:function:{name}"},
    {"CloudFormation stack", "aws_cloudformation_stack", "name", "iam_role_arn", "", "", "", "", "",
     "cloudformation.amazonaws.com", "arn:aws:cloudformation:*:{account}:stack/{name}/*"},
    {"SageMaker notebook instance", "aws_sagemaker_notebook_instance", "name", "role_arn",
     "AWS::SageMaker::NotebookInstance", "NotebookInstanceName", "RoleArn", "yes", "", "sagemaker.amazonaws.com",
     "arn:aws:sagemaker:*:{account}:notebook-instance/{name}"},
    {"Step Functions state machine", "aws_sfn_state_machine", "name", "role_arn", "AWS::StepFunctions::StateMachine",
     "StateMachineName", "RoleArn", "yes", "Arn", "states.amazonaws.com",
     "arn:aws:states:*:{account}:stateMachine:{name}"},
    {"App Runner service", "aws_apprunner_service", "service_name", "instance_configuration.instance_role_arn",
     "AWS::AppRunner::Service", "ServiceName", "InstanceConfiguration.InstanceRoleArn", "yes", "ServiceArn",
     "tasks.apprunner.amazonaws.com", "arn:aws:apprunner:*:{account}:service/{name}/*"},
    {"CodeBuild project", "aws_codebuild_project", "name", "service_role", "AWS::CodeBuild::Project", "Name",
     "ServiceRole", "", "Arn", "codebuild.amazonaws.com", "arn:aws:codebuild:*:{account}:project/{name}"},
    {"Glue development endpoint", "aws_glue_dev_endpoint", "name", "role_arn", "AWS::Glue::DevEndpoint",
     "EndpointName", "RoleArn", "", "", "glue.amazonaws.com", "arn:aws:glue:*:{account}:devEndpoint/{name}"},
}};

void replace(std::string& text, std::string_view field, std::string_view value) {
  if (const auto at = text.find(field); at != std::string::npos) {
    text.replace(at, field.size(), value);
  }
}

} // namespace

const ComputeType* terraform_compute_type(std::string_view type) {
  for (const auto& t : k_types) {
    if (t.terraform_type == type) {
      return &t;
    }
  }
  return nullptr;
}

const ComputeType* cloudformation_compute_type(std::string_view type) {
  for (const auto& t : k_types) {
    if (!t.cloudformation_type.empty() && t.cloudformation_type == type) {
      return &t;
    }
  }
  return nullptr;
}

std::string compute_arn(const ComputeType& type, std::string_view account, std::string_view name) {
  std::string out(type.arn_format);
  replace(out, "{account}", account);
  replace(out, "{name}", name);
  return out;
}

} // namespace policylint::frontend
