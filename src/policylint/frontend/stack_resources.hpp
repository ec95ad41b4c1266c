#pragma once
// What `Ref` and `Fn::GetAtt` return for a resource declared in the template itself. Such a
// resource lives in the stack's own account (k_template_account), so a policy that names it
// (a topic policy's aws:SourceArn, a queue the topic may write to) is scoped to the stack,
// not to "any ARN". Names the template leaves to CloudFormation stay free ("*").
#include <optional>
#include <string>
#include <string_view>

namespace policylint::frontend {

struct StackResourceValues {
  std::optional<std::string> ref; // what Ref returns, when the linter knows it
  std::optional<std::string> arn; // what GetAtt .Arn returns
  std::string arn_attribute = "Arn"; // the attribute that returns the ARN (SNS: TopicArn)
};

// `literal_name`: the resource's name property (TopicName, QueueName, BucketName, ...) when it
// is a literal string, else empty. `account`: the stack's account id.
[[nodiscard]] StackResourceValues stack_resource_values(std::string_view type, std::string_view literal_name,
                                                        std::string_view account);

// The property that names a resource of `type` (TopicName, QueueName, ...), or empty.
[[nodiscard]] std::string_view name_property(std::string_view type);

} // namespace policylint::frontend
