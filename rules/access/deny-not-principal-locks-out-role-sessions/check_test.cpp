// PL302 deny-not-principal-locks-out-role-sessions: a NotPrincipal role ARN without its
// session ARN denies the role's own sessions; each counterexample is a session's request the
// evaluator denies.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> pl302(const std::string& statements) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
  auto findings = testing::lint_text(text, {"PL302"});
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    REQUIRE(d.counterexample.has_value());
    CHECK(d.counterexample->request.principal.starts_with("arn:aws:sts::111122223333:assumed-role/deploy/"));
    CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::explicit_deny);
  }
  return findings;
}

const std::string k_allow_account =
    R"({"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::example-artifacts/*"})";

std::string deny(const std::string& not_principal, const std::string& extra = "") {
  return R"({"Effect": "Deny", "NotPrincipal": {"AWS": )" + not_principal +
         R"(}, "Action": "s3:*", "Resource": "arn:aws:s3:::example-artifacts/*")" + extra + "}";
}

} // namespace

TEST_CASE("PL302 a NotPrincipal role ARN does not except the role's sessions") {
  SUBCASE("the role alone: its sessions are denied with everyone else") {
    const auto f = pl302(k_allow_account + "," + deny(R"("arn:aws:iam::111122223333:role/deploy")"));
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.find("arn:aws:iam::111122223333:role/deploy") != std::string::npos);
  }
  SUBCASE("a role with a path: the session names the role without it") {
    CHECK(pl302(deny(R"("arn:aws:iam::111122223333:role/ci/deploy")")).size() == 1);
  }
  SUBCASE("the session ARN listed too: the exception works") {
    CHECK(pl302(k_allow_account + "," +
                deny(R"(["arn:aws:iam::111122223333:role/deploy", "arn:aws:sts::111122223333:assumed-role/deploy/ci"])"))
              .empty());
  }
  SUBCASE("the account listed too: every principal of it is excepted, sessions included") {
    CHECK(pl302(deny(R"(["arn:aws:iam::111122223333:role/deploy", "arn:aws:iam::111122223333:root"])")).empty());
  }
  SUBCASE("a condition on aws:PrincipalArn spares the sessions") {
    CHECK(pl302(deny(R"("arn:aws:iam::111122223333:role/deploy")",
                     R"(, "Condition": {"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy"}})"))
              .empty());
  }
  SUBCASE("a user ARN has no sessions: nothing to report") {
    CHECK(pl302(deny(R"("arn:aws:iam::111122223333:user/admin")")).empty());
  }
  SUBCASE("an Allow with NotPrincipal is PL320's, not this rule's") {
    CHECK(pl302(R"({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/deploy"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-artifacts/*"})")
              .empty());
  }
}
