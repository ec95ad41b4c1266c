// PL605: StringLike/ArnLike "*" is Null false. The evaluator confirms the equivalence the
// message claims, and the cases where it does not hold are not reported.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace policylint;

namespace {

std::string tagged(const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Stop\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"ec2:StopInstances\",\n"
         "      \"Resource\": \"*\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

eval::Decision decide(const std::string& text, const std::optional<std::string>& owner) {
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  eval::Request request;
  request.action = "ec2:StopInstances";
  request.resource = "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0";
  request.principal = "arn:aws:iam::111122223333:user/operator";
  if (owner) {
    request.set_context("aws:resourcetag/owner", {*owner});
  }
  return eval::evaluate(built.policy, request).decision;
}

} // namespace

TEST_CASE("PL605 like-star-equivalent-to-null-false: a \"*\" among the values, on its token") {
  const std::string text = tagged(R"({"StringLike": {"aws:ResourceTag/owner": ["team-*", "*"]}})");
  const auto ds = testing::lint_only(text, "PL605");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"*\"]"));
  CHECK(ds[0].statement == "Stop");
  CHECK(testing::contains(ds[0].message, "\"Null\": {\"aws:ResourceTag/owner\": \"false\"}"));
  // The suggested Null false decides every request as the flagged condition does.
  const std::string null_false = tagged(R"({"Null": {"aws:ResourceTag/owner": "false"}})");
  for (const std::optional<std::string>& owner : {std::optional<std::string>{}, std::optional<std::string>{""},
                                                 std::optional<std::string>{"alice"}}) {
    CHECK(decide(text, owner) == decide(null_false, owner));
  }
  CHECK(decide(text, std::nullopt) == eval::Decision::implicit_deny);
}

TEST_CASE("PL605 like-star-equivalent-to-null-false: IfExists and set qualifiers are different tests") {
  CHECK(testing::lint_only(tagged(R"({"StringLikeIfExists": {"aws:ResourceTag/owner": "*"}})"), "PL605").empty());
  CHECK(testing::lint_only(tagged(R"({"ForAllValues:StringLike": {"aws:TagKeys": "*"}})"), "PL605").empty());
  CHECK(testing::lint_only(tagged(R"({"StringLike": {"aws:ResourceTag/owner": "team-*"}})"), "PL605").empty());
  CHECK(testing::lint_only(tagged(R"({"StringNotLike": {"aws:ResourceTag/owner": "*"}})"), "PL605").empty());
  CHECK(testing::lint_only(tagged(R"({"ArnLike": {"aws:SourceArn": "*"}})"), "PL605").size() == 1);
}
