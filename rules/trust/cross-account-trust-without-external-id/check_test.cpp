// PL306 cross-account-trust-without-external-id and PL303 trust-admits-whole-account: trusts
// of other accounts, decided by the evaluator; counterexamples confirmed.
#include "support/lint_text.hpp"

#include <policylint/config/config.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> lint(const std::string& statement, const std::string& code) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [)" + statement + "]}";
  auto cfg = config::parse_config("organisation: {trusted-accounts: ['111122223333']}", config::Syntax::yaml, "t.yaml");
  REQUIRE(cfg);
  const SourceFile file("policy.json", text);
  engine::LintOptions options;
  options.selection.select = {code};
  options.organisation = &cfg->organisation;
  auto findings = engine::lint_source(file, options);
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

std::string vendor(const std::string& condition) {
  std::string st = R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole")";
  return condition.empty() ? st + "}" : st + R"(, "Condition": )" + condition + "}";
}

} // namespace

TEST_CASE("PL306 a third party's account without the external ID") {
  CHECK(lint(vendor(""), "PL306").size() == 1);
  SUBCASE("a wildcard external ID admits the vendor's other customers") {
    const auto f = lint(vendor(R"({"StringLike": {"sts:ExternalId": "*"}})"), "PL306");
    REQUIRE(f.size() == 1);
    CHECK(f[0].counterexample->request.context_values("sts:externalid") != nullptr);
  }
  SUBCASE("IfExists lets a call without one through") {
    CHECK(lint(vendor(R"({"StringEqualsIfExists": {"sts:ExternalId": "c7d1b9e0"}})"), "PL306").size() == 1);
  }
  SUBCASE("safe: the issued external ID") {
    CHECK(lint(vendor(R"({"StringEquals": {"sts:ExternalId": "c7d1b9e0"}})"), "PL306").empty());
  }
  SUBCASE("safe: a trusted account") {
    CHECK(lint(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole"})", "PL306")
              .empty());
  }
}

TEST_CASE("PL303 a whole account where a principal would do") {
  CHECK(lint(R"({"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"})", "PL303").size() == 1);
  SUBCASE("MFA does not narrow who in the account") {
    CHECK(lint(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}})", "PL303")
              .size() == 1);
  }
  SUBCASE("safe: narrowed by aws:PrincipalArn") {
    CHECK(lint(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy-*"}}})", "PL303")
              .empty());
  }
  SUBCASE("safe: a named role") {
    CHECK(lint(R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy"}, "Action": "sts:AssumeRole"})", "PL303").empty());
  }
}
