// PL320 and the conditions any caller meets: Principal "*" guarded only by them is public;
// conditions only insiders meet (organisation, VPC endpoint, pinned accounts, KMS's caller
// account) are not. Each counterexample is confirmed by the evaluator.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string bucket_with(const std::string& condition, const std::string& principal = R"("*")") {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow", "Principal": )" + principal +
         R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": )" + condition + "}]}";
}

std::vector<engine::Diagnostic> pl320(const std::string& text) {
  auto findings = testing::lint_text(text, {"PL320"});
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    REQUIRE(d.counterexample.has_value());
    CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::allowed);
  }
  return findings;
}

} // namespace

TEST_CASE("PL320 weak conditions: any caller meets them") {
  SUBCASE("aws:SecureTransport") {
    CHECK(pl320(bucket_with(R"({"Bool": {"aws:SecureTransport": "true"}})")).size() == 1);
  }
  SUBCASE("aws:UserAgent and aws:Referer are the caller's to choose") {
    CHECK(pl320(bucket_with(R"({"StringLike": {"aws:UserAgent": "internal-sync/*"}})")).size() == 1);
    CHECK(pl320(bucket_with(R"({"StringLike": {"aws:Referer": "https://www.example.com/*"}})")).size() == 1);
  }
  SUBCASE("aws:PrincipalArn with a wildcard account: anyone can create a role of that name") {
    const auto f = pl320(bucket_with(R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy"}})"));
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.principal == "arn:aws:iam::444455556666:role/deploy");
  }
  SUBCASE("aws:PrincipalAccount with a wildcard") {
    const auto f = pl320(bucket_with(R"({"StringLike": {"aws:PrincipalAccount": "1111*"}})"));
    REQUIRE(f.size() == 1);
    const auto* account = f[0].counterexample->request.context_values("aws:principalaccount");
    REQUIRE(account != nullptr);
    CHECK(account->front() == "111199999999");
  }
  SUBCASE("Allow with NotPrincipal: everyone not listed") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/blocked"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]})";
    CHECK(pl320(text).size() == 1);
  }
}

TEST_CASE("PL320 strong conditions: only insiders meet them") {
  SUBCASE("aws:PrincipalOrgID") {
    CHECK(pl320(bucket_with(R"({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})")).empty());
  }
  SUBCASE("aws:SourceVpce") {
    CHECK(pl320(bucket_with(R"({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})")).empty());
  }
  SUBCASE("a pinned account and a pinned role in it") {
    CHECK(pl320(bucket_with(R"({"StringEquals": {"aws:PrincipalAccount": "111122223333"}})")).empty());
    CHECK(pl320(bucket_with(R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/*"}})")).empty());
  }
  SUBCASE("AWS's key policy pattern: kms:CallerAccount with kms:ViaService") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{
      "Sid": "Allow access through EBS for all principals in the account that are authorized to use EBS",
      "Effect": "Allow", "Principal": {"AWS": "*"},
      "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
      "Resource": "*",
      "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.us-east-1.amazonaws.com"}}}]})";
    CHECK(pl320(text).empty());
  }
  SUBCASE("kms:CallerAccount alone is still a pinned account") {
    CHECK(pl320(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}]})")
              .empty());
  }
}
