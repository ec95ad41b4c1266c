// PL042: StringNotLike/ArnNotLike "*" is Null true. The evaluator confirms the equivalence the
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
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"TagUntagged\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"ec2:CreateTags\",\n"
         "      \"Resource\": \"*\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

eval::Decision decide(const std::string& text, const std::optional<std::string>& owner) {
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  eval::Request request;
  request.action = "ec2:CreateTags";
  request.resource = "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0";
  request.principal = "arn:aws:iam::111122223333:user/operator";
  if (owner) {
    request.set_context("aws:resourcetag/owner", {*owner});
  }
  return eval::evaluate(built.policy, request).decision;
}

std::size_t count(const std::string& condition) {
  return testing::lint_only(tagged(condition), "PL042").size();
}

} // namespace

TEST_CASE("PL042 not-like-star-equivalent-to-null-true: a \"*\" among the values, on its token") {
  const std::string text = tagged(R"({"StringNotLike": {"aws:ResourceTag/owner": ["team-*", "*"]}})");
  const auto ds = testing::lint_only(text, "PL042");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"*\"]"));
  CHECK(ds[0].statement == "TagUntagged");
  CHECK(testing::contains(ds[0].message, "\"Null\": {\"aws:ResourceTag/owner\": \"true\"}"));
  // The suggested Null true decides every request as the flagged condition does, and so does
  // the IfExists form.
  const std::string null_true = tagged(R"({"Null": {"aws:ResourceTag/owner": "true"}})");
  const std::string if_exists = tagged(R"({"StringNotLikeIfExists": {"aws:ResourceTag/owner": "*"}})");
  for (const std::optional<std::string>& owner : {std::optional<std::string>{}, std::optional<std::string>{""},
                                                 std::optional<std::string>{"alice"}}) {
    CHECK(decide(text, owner) == decide(null_true, owner));
    CHECK(decide(if_exists, owner) == decide(null_true, owner));
  }
  CHECK(decide(text, std::nullopt) == eval::Decision::allowed);
  CHECK(count(R"({"StringNotLikeIfExists": {"aws:ResourceTag/owner": "*"}})") == 1);
  CHECK(count(R"({"ArnNotLike": {"aws:SourceArn": "*"}})") == 1);
}

TEST_CASE("PL042 not-like-star-equivalent-to-null-true: set qualifiers, other values and operators are not reported") {
  CHECK(count(R"({"ForAllValues:StringNotLike": {"aws:TagKeys": "*"}})") == 0);
  CHECK(count(R"({"ForAnyValue:StringNotLike": {"aws:TagKeys": "*"}})") == 0);
  CHECK(count(R"({"StringNotLike": {"aws:ResourceTag/owner": "team-*"}})") == 0);
  CHECK(count(R"({"StringLike": {"aws:ResourceTag/owner": "*"}})") == 0);
  CHECK(count(R"({"StringNotEquals": {"aws:ResourceTag/owner": "*"}})") == 0);
}
