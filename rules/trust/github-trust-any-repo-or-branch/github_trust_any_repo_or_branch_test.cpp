// PL309: GitHub Actions trusts whose sub pattern leaves a repository or branch of the
// organisation open; wildcards past the organisation are PL304's and not reported twice.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& op, const std::string& subs) {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "GitHub", "Effect": "Allow",
  "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
  "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, ")" +
         op + R"(": {"token.actions.githubusercontent.com:sub": )" + subs + "}}}]}";
}

} // namespace

TEST_CASE("PL309 github-trust-any-repo-or-branch: repository or branch left open, on the pattern") {
  const std::string text = trust("StringLike", R"(["repo:example-org/*", "repo:example-org/app:*", "repo:example-org/app:ref:refs/heads/*",
    "repo:example-org/app:environment:production"])");
  const auto ds = testing::lint_only(text, "PL309");
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].location.start == testing::position_of(text, "\"repo:example-org/*\""));
  CHECK(testing::contains(ds[0].message, "any repository of example-org"));
  CHECK(ds[1].location.start == testing::position_of(text, "\"repo:example-org/app:*\""));
  CHECK(testing::contains(ds[1].message, "any branch"));
  CHECK(ds[2].location.start == testing::position_of(text, "\"repo:example-org/app:ref:refs/heads/*\""));
  CHECK(ds[0].statement == "GitHub");
  CHECK(ds[0].rule->severity == engine::Severity::low);
  // PL304 is silent on these: they stay inside example-org.
  CHECK(testing::lint_only(text, "PL304").empty());
}

TEST_CASE("PL309 negatives: exact subjects, StringEquals, wildcards past the organisation (PL304's)") {
  CHECK(testing::lint_only(trust("StringLike", R"("repo:example-org/app:ref:refs/heads/main")"), "PL309").empty());
  // StringEquals takes "*" literally: nothing is left open.
  CHECK(testing::lint_only(trust("StringEquals", R"("repo:example-org/*")"), "PL309").empty());
  for (const char* outsiders : {R"("repo:*/app:*")", R"("repo:example-org*")", R"("*")"}) {
    CAPTURE(outsiders);
    const std::string text = trust("StringLike", outsiders);
    CHECK(testing::lint_only(text, "PL309").empty());
    CHECK(testing::lint_only(text, "PL304").size() == 1);
  }
}
