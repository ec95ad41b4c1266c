// PL908: escalation methods split over a principal's policies (own, group, managed) are found
// when the policies are evaluated together; a Deny in another policy, a boundary, or a method
// one document already allows alone (PL401's) are not reported here.
#include "support/account_builder.hpp"
#include "support/account_lint.hpp"
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;

namespace {

std::vector<engine::Diagnostic> pl908(const AccountBuilder& b) { return testing::account_findings(b, "PL908"); }

const std::string k_pass = allow_json("iam:PassRole", "arn:aws:iam::111122223333:role/*");
const std::string k_lambda = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]})";

} // namespace

TEST_CASE("PL908: PassRole in one policy and Lambda in a group policy complete lambda-001") {
  AccountBuilder b;
  const auto pass = b.policy("PassRoles", k_pass);
  b.group("Developers", {b.policy("Functions", k_lambda)});
  b.user("dev", {pass}, {"Developers"});
  const auto ds = pl908(b);
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds.front().message, "lambda-001"));
  CHECK(testing::contains(ds.front().message, "PassRoles, Functions"));
  REQUIRE(ds.front().counterexample.has_value());
  CHECK(ds.front().counterexample->path.size() == 4); // the user, then three requests
  // The first request (iam:PassRole to Lambda) is allowed by the user's policies together.
  const auto& acct = b.account();
  const std::vector<const policy::Policy*> set{&acct.documents[0].policy, &acct.documents[1].policy};
  CHECK(eval::evaluate(set, ds.front().counterexample->request).decision == eval::Decision::allowed);
}

TEST_CASE("PL908: a Deny in a third policy or a method in one document is not reported") {
  AccountBuilder denied;
  denied.user("dev", {denied.policy("PassRoles", k_pass), denied.policy("Functions", k_lambda),
                      denied.policy("NoPassRole", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                        "Action": "iam:PassRole", "Resource": "*"}]})")});
  CHECK(pl908(denied).empty());

  AccountBuilder whole;
  whole.user("dev", {whole.policy("Everything", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]})"),
                     whole.policy("Reads", allow_json("s3:GetObject", "*"))});
  CHECK(pl908(whole).empty()); // PL401's finding, on the document that holds it

  AccountBuilder split_users;
  split_users.user("passer", {split_users.policy("PassRoles", k_pass), split_users.policy("Reads", allow_json("s3:GetObject", "*"))});
  split_users.user("coder", {split_users.policy("Functions", k_lambda), split_users.policy("Reads2", allow_json("s3:GetObject", "*"))});
  CHECK(pl908(split_users).empty()); // different principals: no one holds both halves
}

TEST_CASE("PL908: the methods one split grant completes are one finding that names them all") {
  // PassRole in one policy, compute of two services in another: lambda-001 and lambda-002 (or
  // the EC2 methods) start at the same PassRole token through the same two policies.
  AccountBuilder b;
  const auto pass = b.policy("PassRoles", k_pass);
  b.user("dev", {pass, b.policy("Compute", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:CreateEventSourceMapping",
               "ec2:RunInstances"], "Resource": "*"}]})")});
  const auto ds = pl908(b);
  REQUIRE(ds.size() == 1);
  const std::string& m = ds.front().message;
  CAPTURE(m);
  CHECK(testing::contains(m, "methods ("));
  CHECK(testing::contains(m, "lambda-001"));
  CHECK(testing::contains(m, "ec2-001"));
  CHECK(testing::contains(m, "PassRoles, Compute"));
  REQUIRE(ds.front().counterexample.has_value());
  const auto& acct = b.account();
  const std::vector<const policy::Policy*> set{&acct.documents[0].policy, &acct.documents[1].policy};
  CHECK(eval::evaluate(set, ds.front().counterexample->request).decision == eval::Decision::allowed);
}

TEST_CASE("PL908: policies that together allow every action have nothing to escalate to") {
  // iam:* in one policy and everything but IAM in another: lambda-001 is split between them,
  // but together they are an administrator (PL906 speaks), so PL908 says nothing.
  AccountBuilder b;
  b.user("ops", {b.policy("Iam", allow_json("iam:*", "*")),
                 b.policy("AllButIam", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                   "NotAction": "iam:*", "Resource": "*"}]})")});
  CHECK(pl908(b).empty());
  // Without the NotAction policy's reach over every other service, the split method is reported.
  AccountBuilder partial;
  partial.user("ops", {partial.policy("Iam", allow_json("iam:*", "*")), partial.policy("Functions", k_lambda)});
  const auto ds = pl908(partial);
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds.front().message, "lambda-001"));
}

TEST_CASE("PL908: a document that allows nearly everything does not silence a split method") {
  // Everything but IAM in one policy, iam:PassRole in another: lambda-001 needs both. Only a
  // document that allows every action by itself lets the search of its set be skipped.
  AccountBuilder b;
  b.user("dev", {b.policy("AllButIam", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                   "NotAction": "iam:*", "Resource": "*"}]})"),
                 b.policy("PassRoles", k_pass)});
  const auto ds = pl908(b);
  REQUIRE_FALSE(ds.empty());
  CHECK(testing::contains(ds.front().message, "AllButIam"));

  // With AdministratorAccess beside them, every method is one document's (PL401's).
  AccountBuilder admin;
  admin.user("dev", {admin.policy("Admin", allow_json("*", "*")), admin.policy("PassRoles", k_pass),
                     admin.policy("Functions", k_lambda)});
  CHECK(pl908(admin).empty());
}

TEST_CASE("PL908: users with their own copies of the same split policies each get a finding naming their own") {
  // A snapshot repeats inline policies under many users; the search runs once per content,
  // and each user's finding still names (and points at) that user's documents.
  AccountBuilder b;
  b.user("first", {b.policy("PassRolesA", k_pass), b.policy("FunctionsA", k_lambda)});
  b.user("second", {b.policy("PassRolesB", k_pass), b.policy("FunctionsB", k_lambda)});
  const auto ds = pl908(b);
  REQUIRE(ds.size() == 2);
  const auto names_first = std::count_if(ds.begin(), ds.end(), [](const engine::Diagnostic& d) {
    return testing::contains(d.message, "user/first") && testing::contains(d.message, "PassRolesA, FunctionsA");
  });
  const auto names_second = std::count_if(ds.begin(), ds.end(), [](const engine::Diagnostic& d) {
    return testing::contains(d.message, "user/second") && testing::contains(d.message, "PassRolesB, FunctionsB");
  });
  CHECK(names_first == 1);
  CHECK(names_second == 1);
  CHECK(ds[0].file != ds[1].file); // each in its own document (the builder gives each a file)
}
