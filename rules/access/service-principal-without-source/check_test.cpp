// PL307 service-principal-without-source: the service acting for another account's resource
// gets in unless a condition on the source keys keeps it out; each counterexample is
// confirmed by the evaluator.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> pl307(const std::string& statements) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  auto findings = testing::lint_text(text, {"PL307"});
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    REQUIRE(d.counterexample.has_value());
    CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::allowed);
    const auto* account = d.counterexample->request.context_values("aws:sourceaccount");
    REQUIRE(account != nullptr);
    CHECK(account->front() == "444455556666");
  }
  return findings;
}

const std::string k_queue_stmt =
    R"({"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders")";

} // namespace

TEST_CASE("PL307 service principals that act for any account") {
  SUBCASE("SNS may deliver any account's topic to the queue") {
    const auto f = pl307(k_queue_stmt + "}");
    REQUIRE(f.size() == 1);
    const auto* arn = f[0].counterexample->request.context_values("aws:sourcearn");
    REQUIRE(arn != nullptr);
    CHECK(arn->front().find(":444455556666:") != std::string::npos);
  }
  SUBCASE("a topic name with any account: anyone can create a topic of that name") {
    CHECK(pl307(k_queue_stmt + R"(, "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:order-events"}}})").size() == 1);
  }
  SUBCASE("CloudTrail writing to a bucket guarded only by the ACL header") {
    CHECK(pl307(R"({"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-bucket/*", "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}})")
              .size() == 1);
  }
  SUBCASE("CloudTrail using a key: the encryption context names the trail") {
    const std::string st =
        R"({"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "kms:GenerateDataKey*", "Resource": "*")";
    CHECK(pl307(st + "}").size() == 1);
    CHECK(pl307(st + R"(, "Condition": {"StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*"}}})").empty());
  }
}

TEST_CASE("PL307 source conditions keep the deputy out") {
  SUBCASE("aws:SourceArn pinned to the own topic") {
    CHECK(pl307(k_queue_stmt + R"(, "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:order-events"}}})").empty());
  }
  SUBCASE("aws:SourceAccount") {
    CHECK(pl307(R"({"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::access-logs/*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}})")
              .empty());
  }
  SUBCASE("aws:SourceOrgID in a separate Deny") {
    CHECK(pl307(k_queue_stmt + R"(}, {"Effect": "Deny", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceOrgID": "o-a1b2c3d4e5"}}})")
              .empty());
  }
  SUBCASE("services that only act inside the account are out of scope") {
    CHECK(pl307(R"({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"})").empty());
  }
  SUBCASE("role trusts are out of scope: passing the role takes iam:PassRole in its own account") {
    CHECK(pl307(R"({"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sts:AssumeRole"})").empty());
  }
}
