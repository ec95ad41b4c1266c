// PL320 resource-policy-allows-public-access, decided by meaning: realistic resource and
// trust policies, the expected verdict, and each counterexample confirmed by the evaluator.
#include "support/corpora.hpp"
#include "support/lint_text.hpp"

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace policylint;

namespace {

std::string doc(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}

std::string bucket(const std::string& condition, const std::string& principal = R"("*")") {
  std::string st = R"({"Sid": "Read", "Effect": "Allow", "Principal": )" + principal +
                   R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*")";
  if (!condition.empty()) {
    st += R"(, "Condition": )" + condition;
  }
  return doc(st + "}");
}

std::vector<engine::Diagnostic> run_pl320(const std::string& text) {
  auto findings = testing::lint_text(text, {"PL320"});
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    CHECK(d.rule->code == "PL320");
    CHECK(d.rule->severity == engine::Severity::critical);
    REQUIRE(d.counterexample.has_value());
    const auto again = eval::evaluate(built.policy, d.counterexample->request);
    CHECK(again.decision == eval::Decision::allowed);
    CHECK(d.counterexample->decision == eval::Decision::allowed);
    for (const auto& absent : d.counterexample->absent_keys) {
      CHECK(d.counterexample->request.context_values(absent) == nullptr);
    }
  }
  return findings;
}

} // namespace

TEST_CASE("PL320 resource-policy-allows-public-access: bucket policies") {
  SUBCASE("public read: fires on the \"*\" token, anonymous counterexample") {
    const std::string text = bucket("");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.principal == "*");
    CHECK(f[0].counterexample->request.action == "s3:GetObject");
    CHECK(f[0].counterexample->request.resource == "arn:aws:s3:::example-bucket/x");
    CHECK(f[0].counterexample->request.context_values("aws:PrincipalAccount") == nullptr);
    CHECK(f[0].location.start.column == text.find(R"("*")") + 1);
  }
  SUBCASE("aws:PrincipalOrgID StringEquals: not public") {
    CHECK(run_pl320(bucket(R"({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})")).empty());
  }
  SUBCASE("aws:SourceVpce: not public") {
    CHECK(run_pl320(bucket(R"({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})")).empty());
  }
  SUBCASE("aws:SourceIp allow-list: an outsider from an arbitrary address is refused") {
    CHECK(run_pl320(bucket(R"({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}})")).empty());
  }
  SUBCASE("StringLike aws:PrincipalOrgID \"*\" admits the outsider") {
    const auto f = run_pl320(bucket(R"({"StringLike": {"aws:PrincipalOrgID": "*"}})"));
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.principal == "arn:aws:iam::444455556666:user/outsider");
    REQUIRE(f[0].counterexample->request.context_values("aws:PrincipalOrgID") != nullptr);
    CHECK(f[0].counterexample->request.context_values("aws:PrincipalOrgID")->front() == "o-outsider00");
  }
  SUBCASE("Allow with NotPrincipal: fires") {
    const std::string text = doc(
        R"({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"})");
    CHECK(run_pl320(text).size() == 1);
  }
  SUBCASE("a Deny with \"*\" is not a grant") {
    const std::string text = doc(
        R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}})");
    CHECK(run_pl320(text).empty());
  }
  SUBCASE("a Deny on outsiders guards a public Allow") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"},
           {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::example-bucket/*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})");
    CHECK(run_pl320(text).empty());
  }
  SUBCASE("wildcard action pattern: expanded through the catalog") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:Get*", "Resource": "arn:aws:s3:::example-bucket/*"})");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.action.starts_with("s3:Get"));
  }
}

TEST_CASE("PL320 resource-policy-allows-public-access: what a few tried instances would miss") {
  // The quick search tries a few instances of the statement's actions and resources; when the
  // document denies exactly those, the exact engine still finds the request that gets in.
  SUBCASE("the Deny covers the simplest object names only: another object is public") {
    const std::string text = doc(
        R"({"Sid": "Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"},
           {"Sid": "Hide", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
            "Resource": ["arn:aws:s3:::example-bucket/x", "arn:aws:s3:::example-bucket/"]})");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    const std::string& resource = f[0].counterexample->request.resource;
    CHECK(resource.starts_with("arn:aws:s3:::example-bucket/"));
    CHECK(resource != "arn:aws:s3:::example-bucket/x");
    CHECK(resource != "arn:aws:s3:::example-bucket/");
  }
  SUBCASE("the Deny covers the first actions of s3:Get*: a later one is public") {
    const auto& catalog = catalog::embedded_catalog();
    const auto names = catalog.expand("s3:Get*");
    REQUIRE(names.size() > 4);
    std::string denied;
    for (std::size_t i = 0; i < 3; ++i) {
      denied += (i ? ", \"" : "\"") + std::string(names[i]) + "\"";
    }
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "arn:aws:s3:::example-bucket/*"},
           {"Effect": "Deny", "Principal": "*", "Action": [)" + denied + R"(], "Resource": "*"})");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    const std::string& action = f[0].counterexample->request.action;
    CHECK(action.starts_with("s3:Get"));
    CHECK(denied.find('"' + action + '"') == std::string::npos);
  }
  SUBCASE("denying every s3:Get* action leaves nothing public") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "arn:aws:s3:::example-bucket/*"},
           {"Effect": "Deny", "Principal": "*", "Action": "s3:Get*", "Resource": "*"})");
    CHECK(run_pl320(text).empty());
  }
}

TEST_CASE("PL320 resource-policy-allows-public-access: who the outsider can be") {
  SUBCASE("a bucket folder per principal tag: an anonymous caller has no tags, another account's user does") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-${aws:PrincipalTag/team}/*"})");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    const auto& request = f[0].counterexample->request;
    CHECK(request.principal != "*");
    CHECK(request.context_values("aws:principaltag/team") != nullptr);
    CHECK(testing::contains(f[0].message, "unrelated account"));
  }
  SUBCASE("a folder per identity provider: only a web-identity session has aws:FederatedProvider") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::uploads/${aws:FederatedProvider}/*"})");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    const auto& request = f[0].counterexample->request;
    CHECK(request.principal == "arn:aws:sts::444455556666:assumed-role/web-users/outsider");
    CHECK(request.context_values("aws:federatedprovider") != nullptr);
    CHECK(testing::contains(f[0].message, "web-identity role session"));
  }
  SUBCASE("a CloudFormation stack policy must name Principal \"*\": not public access") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"},
           {"Effect": "Deny", "Action": "Update:*", "Principal": "*", "Resource": "LogicalResourceId/ProductionDatabase"})");
    CHECK(run_pl320(text).empty());
  }
}

TEST_CASE("PL320 resource-policy-allows-public-access: other resource policies") {
  SUBCASE("SQS queue policy limited to one SNS topic by aws:SourceArn") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:orders",
            "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:order-events"}}})");
    CHECK(run_pl320(text).empty());
  }
  SUBCASE("KMS key policy granting the account root is not public") {
    const std::string text = doc(
        R"({"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"})");
    CHECK(run_pl320(text).empty());
  }
  SUBCASE("identity policies are skipped") {
    CHECK(run_pl320(doc(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})")).empty());
  }
}

TEST_CASE("PL320 resource-policy-allows-public-access: trust policies") {
  SUBCASE("\"AWS\": \"*\" without a condition: anyone can assume the role") {
    const std::string text =
        doc(R"({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"})");
    const auto f = run_pl320(text);
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.action == "sts:AssumeRole");
  }
  SUBCASE("\"*\" narrowed by aws:PrincipalArn ArnLike to the own account") {
    const std::string text = doc(
        R"({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy-*"}}})");
    CHECK(run_pl320(text).empty());
  }
}

TEST_CASE("PL320 resource-policy-allows-public-access: AWS docs examples corpus does not crash") {
  const std::filesystem::path corpus =
      std::filesystem::path(POLICYLINT_SOURCE_DIR) / ".." / "shared" / "corpora" / "resource-and-org-policies";
  if (!policylint::testing::corpus_present(corpus)) {
    return;
  }
  std::size_t files = 0;
  std::size_t findings = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    findings += testing::lint_text(buffer.str(), {"PL320"}, entry.path().string()).size();
    ++files;
  }
  MESSAGE(files << " files, " << findings << " PL320 findings");
  CHECK(files > 0);
}
