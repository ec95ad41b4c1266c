#include <policylint/frontend/stack_resources.hpp>

#include <fmt/format.h>

#include <array>

namespace policylint::frontend {

namespace {

// Resource types whose Ref or GetAtt policies commonly name; the return values are those of
// the CloudFormation User Guide's "Return values" section of each type.
struct Known {
  std::string_view type;
  std::string_view name_property;
};
constexpr std::array<Known, 5> k_known{{
    {"AWS::SNS::Topic", "TopicName"},                    // Ref: the topic ARN; GetAtt TopicArn
    {"AWS::SQS::Queue", "QueueName"},                    // Ref: the queue URL; GetAtt Arn
    {"AWS::S3::Bucket", "BucketName"},                   // Ref: the bucket name; GetAtt Arn
    {"AWS::StepFunctions::StateMachine", "StateMachineName"}, // Ref: the state machine ARN
    {"AWS::SecretsManager::Secret", "Name"},             // Ref: the secret ARN
}};

} // namespace

std::string_view name_property(std::string_view type) {
  for (const auto& k : k_known) {
    if (k.type == type) {
      return k.name_property;
    }
  }
  return {};
}

StackResourceValues stack_resource_values(std::string_view type, std::string_view literal_name,
                                          std::string_view account) {
  const std::string name = literal_name.empty() ? std::string("*") : std::string(literal_name);
  StackResourceValues out;
  if (type == "AWS::SNS::Topic") {
    out.arn = fmt::format("arn:aws:sns:*:{}:{}", account, name);
    out.ref = out.arn;
    out.arn_attribute = "TopicArn";
  } else if (type == "AWS::SQS::Queue") {
    out.arn = fmt::format("arn:aws:sqs:*:{}:{}", account, name);
    out.ref = fmt::format("https://sqs.*.amazonaws.com/{}/{}", account, name);
  } else if (type == "AWS::S3::Bucket") {
    // A bucket's ARN names no account: without a literal name it is any bucket's.
    out.arn = fmt::format("arn:aws:s3:::{}", name);
    if (!literal_name.empty()) {
      out.ref = name;
    }
  } else if (type == "AWS::StepFunctions::StateMachine") {
    out.arn = fmt::format("arn:aws:states:*:{}:stateMachine:{}", account, name);
    out.ref = out.arn;
  } else if (type == "AWS::SecretsManager::Secret") {
    // Secrets Manager appends six random characters to the name.
    out.arn = fmt::format("arn:aws:secretsmanager:*:{}:secret:{}", account,
                          literal_name.empty() ? std::string("*") : name + "-*");
    out.ref = out.arn;
  } else if (!type.starts_with("AWS::S3::") && !type.starts_with("AWS::Route53::")) {
    // Any other resource of the stack: its account, any service and region. (S3 and Route 53
    // ARNs name no account.)
    out.arn = fmt::format("arn:aws:*:*:{}:*", account);
  }
  return out;
}

} // namespace policylint::frontend
