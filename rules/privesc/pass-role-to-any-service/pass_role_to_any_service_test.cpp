// PL402: iam:PassRole on roles the policy does not name, to any service, decided by the
// engine: resource scoping, iam:PassedToService, iam:AssociatedResourceArn and Denies silence it.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;
using testing::lint_only;

namespace {

std::string policy_with(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}

// The finding's request, evaluated again on the policy it came from.
void confirm(const std::string& text, const engine::Diagnostic& d) {
  REQUIRE(d.counterexample.has_value());
  const SourceFile file("policy.json", text);
  auto root = json::parse(file);
  REQUIRE(root.has_value());
  const auto built = policy::build_policy(*root);
  CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::allowed);
  CHECK(d.counterexample->request.action == "iam:PassRole");
}

} // namespace

TEST_CASE("PL402: every role to every service is found however the grant is written") {
  for (const std::string st : {
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"})",
           R"({"Effect": "Allow", "Action": "iam:Pass*", "Resource": "arn:aws:iam::111122223333:role/*"})",
           R"({"Effect": "Allow", "Action": "iam:*", "Resource": "*"})",
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/DataPipeline*"})",
           R"({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"})",
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
               "Condition": {"StringLike": {"iam:PassedToService": "*.amazonaws.com"}}})",
       }) {
    CAPTURE(st);
    const std::string text = policy_with(st);
    const auto ds = lint_only(text, "PL402");
    REQUIRE(ds.size() == 1);
    confirm(text, ds.front());
  }
}

TEST_CASE("PL402: named roles or services and Denies silence it") {
  for (const std::string st : {
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/AppRole"})",
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
               "Condition": {"StringEquals": {"iam:PassedToService": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}}})",
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
               "Condition": {"ArnLike": {"iam:AssociatedResourceArn": "arn:aws:ec2:*:111122223333:instance/*"}}})",
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
              {"Effect": "Deny", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/AppRole"})",
           R"({"Effect": "Allow", "NotAction": "iam:PassRole", "Resource": "*"})",
           R"({"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"})",
           // One role in any account (AWS managed policies write this): its name is named,
           // though the account's '*' could span colons as text.
           R"({"Effect": "Allow", "Action": "iam:PassRole",
               "Resource": "arn:aws:iam::*:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"})",
           R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/DataPipelineDefaultRole"})",
       }) {
    CAPTURE(st);
    CHECK(lint_only(policy_with(st), "PL402").empty());
  }
}
