// Trust and resource policies that name thousands of principals (issue 15): the rules that ask
// one question per principal (PL201, PL301, PL103 through support::probe_trust, and PL321) ask
// it once per class of callers the policy cannot tell apart. These cases assert findings only;
// the ctest timeout is what catches a return of the per-principal (quadratic) cost.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string user(int n) { return "arn:aws:iam::111122223333:user/deploy-" + std::to_string(n); }

// "AWS": [every user from 0 to count - 1]
std::string users(int count) {
  std::string out = R"({"AWS": [)";
  for (int n = 0; n < count; ++n) {
    out += (n == 0 ? "\"" : ", \"") + user(n) + "\"";
  }
  return out + "]}";
}

std::string trust(const std::string& principal, const std::string& condition, const std::string& extra = "") {
  std::string st = R"({"Sid": "Deployers", "Effect": "Allow", "Principal": )" + principal +
                   R"(, "Action": "sts:AssumeRole")";
  if (!condition.empty()) {
    st += R"(, "Condition": )" + condition;
  }
  return R"({"Version": "2012-10-17", "Statement": [)" + st + "}" + extra + "]}";
}

// Lints with one rule; every counterexample must be confirmed by a fresh evaluation.
std::vector<engine::Diagnostic> run_rule(const std::string& text, const std::string& code) {
  auto findings = testing::lint_only(text, code);
  const SourceFile file("policy.json", text);
  auto tree = json::parse(file);
  REQUIRE(tree);
  const auto built = policy::build_policy(*tree);
  for (const auto& d : findings) {
    CAPTURE(d.message);
    REQUIRE(d.counterexample.has_value());
    CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == d.counterexample->decision);
  }
  return findings;
}

constexpr const char* k_mfa = R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})";
constexpr const char* k_office = R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})";

} // namespace

TEST_CASE("many principals: a correctly secured trust of 10000 users has no MFA or address finding") {
  const std::string both = R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}, "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})";
  const std::string text = trust(users(10000), both);
  CHECK(run_rule(text, "PL201").empty());
  CHECK(run_rule(text, "PL301").empty());
}

TEST_CASE("many principals: 20000 users without an address condition give one PL301 finding") {
  const std::string text = trust(users(20000), k_mfa);
  const auto f = run_rule(text, "PL301");
  REQUIRE(f.size() == 1);
  CHECK(f[0].counterexample->request.principal == user(0));
}

TEST_CASE("many principals: the one user a Deny spares is the one reported") {
  // Every caller of account 111122223333 is denied without MFA; deploy-4321 lives in another
  // account, so the callers fall in two classes and the finding must name that user.
  const std::string spared = "arn:aws:iam::444455556666:user/deploy-4321";
  std::string principals = users(8000);
  principals.replace(principals.find("\"" + user(4321) + "\""), user(4321).size() + 2, "\"" + spared + "\"");
  const std::string deny =
      R"(, {"Sid": "MfaOrNothing", "Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", )"
      R"("Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}})";
  const std::string text = trust(principals, k_office, deny);
  const auto f = run_rule(text, "PL201");
  REQUIRE(f.size() == 1);
  CHECK(f[0].counterexample->request.principal == spared);
  CHECK(testing::contains(f[0].message, spared));
}

TEST_CASE("many principals: a condition on the caller's account separates the classes") {
  // Accounts are distinct from the 5000th user on: only those callers are let in from anywhere.
  const auto arn = [](int n) {
    const std::string account = n < 5000 ? "111122223333" : "4444555566" + std::to_string(10 + n % 80);
    return "arn:aws:iam::" + account + ":user/r-" + std::to_string(n);
  };
  std::string principals = R"({"AWS": [)";
  for (int n = 0; n < 6000; ++n) {
    principals += (n == 0 ? "\"" : ", \"") + arn(n) + "\"";
  }
  principals += "]}";
  const std::string text =
      trust(principals, k_mfa,
            R"(, {"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}, "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})");
  const auto f = run_rule(text, "PL301");
  REQUIRE(f.size() == 1);
  CHECK(f[0].counterexample->request.principal == arn(5000));
}
