// A principal ARN with an empty account ("arn:aws:iam:::root", a template's empty variable):
// PL008 at the value, and the trust rules still judge what the statement would let in.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& principal) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Assume\",\n"
         "      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": " +
         principal + "},\n      \"Action\": \"sts:AssumeRole\"\n    }\n  ]\n}\n";
}

} // namespace

TEST_CASE("PL008 invalid-arn: a principal ARN without its account") {
  const std::string text = trust(R"("arn:aws:iam:::root")");
  const auto ds = testing::lint_only(text, "PL008");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"arn:aws:iam:::root\""));
  CHECK(testing::contains(ds[0].message, "no account ID"));
  CHECK(engine::level_of(ds[0].rule->severity) == engine::Level::error);

  CHECK(testing::lint_only(trust(R"("arn:aws:iam:::role/deployer")"), "PL008").size() == 1);
  CHECK(testing::lint_only(trust(R"("arn:aws:iam::111122223333:root")"), "PL008").empty());
}

TEST_CASE("PL201 and PL301 still judge a trust policy whose principal lacks its account") {
  const std::string text = trust(R"("arn:aws:iam:::root")");
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const char* code : {"PL201", "PL301"}) {
    CAPTURE(code);
    const auto ds = testing::lint_only(text, code);
    REQUIRE(ds.size() == 1);
    REQUIRE(ds[0].counterexample.has_value());
    CHECK(eval::evaluate(built.policy, ds[0].counterexample->request).decision == ds[0].counterexample->decision);
  }
  // With MFA required the same principal no longer trips PL201.
  const std::string mfa = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
                          "{\"AWS\": \"arn:aws:iam:::root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
                          "{\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}]}";
  CHECK(testing::lint_only(mfa, "PL201").empty());
}
