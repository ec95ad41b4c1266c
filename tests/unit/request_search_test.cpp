// The concrete-request search (src/policylint/query/request_search.hpp): which context keys it
// varies, and that what it finds is what the evaluator decides.
#include "../property/policy_builder.hpp"

#include <doctest/doctest.h>

#include <policylint/eval/evaluator.hpp>
#include <policylint/query/request_search.hpp>

#include <array>
#include <string>

using namespace policylint;
using property::Cond;
using property::make_policy;
using property::Stmt;

namespace {

// A user's policy as accounts grow them: a PassRole grant limited to one service, beside
// statements about other actions that each test a context key of their own.
policy::Policy passrole_among(std::size_t unrelated) {
  std::vector<Stmt> statements;
  for (std::size_t i = 0; i < unrelated; ++i) {
    statements.push_back(Stmt{.sid = "Tagging" + std::to_string(i),
                              .actions = {"ec2:CreateTags"},
                              .conditions = {{"StringEquals", "aws:RequestTag/team" + std::to_string(i), {"a", "b"}}}});
  }
  statements.push_back(Stmt{.sid = "PassToLambda",
                            .actions = {"iam:PassRole"},
                            .resources = {"arn:aws:iam::111122223333:role/app-*"},
                            .conditions = {{"StringEquals", "iam:PassedToService", {"lambda.amazonaws.com"}}}});
  return make_policy(std::move(statements));
}

query::SearchSpace passrole_space() {
  query::SearchSpace space;
  space.base.action = "iam:PassRole";
  space.base.resource = "arn:aws:iam::111122223333:role/app-worker";
  return space;
}

} // namespace

TEST_CASE("request search: keys of statements about other actions are not varied") {
  // Twelve unrelated keys with three candidates each (absent, "a", "b") are 531,441
  // combinations, past any budget, before the PassRole key would be tried. They cannot change
  // the evaluation of iam:PassRole, so the search varies only iam:PassedToService.
  const policy::Policy p = passrole_among(12);
  const std::array<const policy::Policy*, 1> set{&p};
  const auto allowed = [](const eval::Evaluation& e) { return e.decision == eval::Decision::allowed; };
  const auto found = query::find_request(set, passrole_space(), allowed, 64);
  REQUIRE(found.has_value());
  const auto* service = found->request.context_values("iam:passedtoservice");
  REQUIRE(service != nullptr);
  CHECK(*service == std::vector<std::string>{"lambda.amazonaws.com"});
  // Only the key that matters is set, and the evaluator agrees with the search.
  CHECK(found->request.context_values("aws:requesttag/team0") == nullptr);
  CHECK(eval::evaluate(set, found->request).decision == eval::Decision::allowed);
}

TEST_CASE("request search: a statement the action does not reach cannot make a request allowed") {
  // Without the PassRole statement no context allows iam:PassRole, however the keys of the
  // other statements are set.
  policy::Policy p = passrole_among(3);
  p.statements.pop_back();
  const std::array<const policy::Policy*, 1> set{&p};
  const auto allowed = [](const eval::Evaluation& e) { return e.decision == eval::Decision::allowed; };
  CHECK_FALSE(query::find_request(set, passrole_space(), allowed).has_value());
}
