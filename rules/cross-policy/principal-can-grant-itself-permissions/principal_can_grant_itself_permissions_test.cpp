// PL911: a principal allowed to write its own permissions on resources its policies name
// (pathfinding.cloud's self-escalation paths, as pathfinding-labs lays them out). Negatives:
// the grant on any resource (PL401's), on someone else's resources, a Deny, a principal that
// already holds everything, and a boundary that caps what it could write.
#include "support/account_builder.hpp"
#include "support/account_lint.hpp"
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;

namespace {

std::vector<engine::Diagnostic> pl911(const AccountBuilder& b) { return testing::account_findings(b, "PL911"); }

const std::string k_trust_lambda = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";

} // namespace

TEST_CASE("PL911: a user that may put a policy on its own user") {
  AccountBuilder b;
  const auto self = b.policy("SelfService", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:GetUser", "iam:PutUserPolicy"], "Resource": "arn:aws:iam::111122223333:user/dev"}]})");
  b.user("dev", {self});
  const auto ds = pl911(b);
  REQUIRE(ds.size() == 1);
  const auto& d = ds.front();
  CAPTURE(d.message);
  CHECK(testing::contains(d.message, "user/dev can grant itself permissions"));
  CHECK(testing::contains(d.message, "iam:PutUserPolicy on itself"));
  REQUIRE(d.counterexample.has_value());
  CHECK(d.counterexample->request.action == "iam:PutUserPolicy");
  CHECK(d.counterexample->request.resource == b.arn("user/dev"));
  const std::vector<const policy::Policy*> set{&b.account().documents[self].policy};
  CHECK(eval::evaluate(set, d.counterexample->request).decision == eval::Decision::allowed);
}

TEST_CASE("PL911: a role's session may write its own role, its own managed policy, or its group's") {
  SUBCASE("iam:PutRolePolicy on its own role") {
    AccountBuilder b;
    b.role("Builder", k_trust_lambda, {b.policy("Builder", allow_json("iam:PutRolePolicy", "arn:aws:iam::111122223333:role/Builder"))});
    const auto ds = pl911(b);
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds.front().message, "role/Builder can grant itself permissions"));
  }
  SUBCASE("iam:CreatePolicyVersion on a customer managed policy attached to it") {
    AccountBuilder b;
    const auto managed = b.policy("Deploy", allow_json("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/Deploy"));
    b.document(managed).arn = "arn:aws:iam::111122223333:policy/Deploy";
    b.role("Builder", k_trust_lambda, {managed});
    const auto ds = pl911(b);
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds.front().message, "iam:CreatePolicyVersion on its policy Deploy"));
    CHECK(ds.front().counterexample->request.resource == "arn:aws:iam::111122223333:policy/Deploy");
  }
  SUBCASE("iam:AttachGroupPolicy on its own group") {
    AccountBuilder b;
    b.group("Developers", {b.policy("Reads", allow_json("s3:GetObject", "*"))}).arn = "arn:aws:iam::111122223333:group/Developers";
    b.user("dev", {b.policy("GroupAdmin", allow_json("iam:AttachGroupPolicy", "arn:aws:iam::111122223333:group/Developers"))},
           {"Developers"});
    const auto ds = pl911(b);
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds.front().message, "on its group Developers"));
  }
}

TEST_CASE("PL911: writing the permissions of a principal it can act as") {
  SUBCASE("a role it can assume (pathfinding.cloud iam-014)") {
    AccountBuilder b;
    b.role("Target", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"}, "Action": "sts:AssumeRole"}]})",
           {b.policy("TargetReads", allow_json("s3:GetObject", "*"))});
    b.user("dev", {b.policy("Dev", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": ["iam:AttachRolePolicy", "sts:AssumeRole"], "Resource": "arn:aws:iam::111122223333:role/Target"}]})")});
    const auto ds = pl911(b);
    REQUIRE(ds.size() == 1);
    CAPTURE(ds.front().message);
    CHECK(testing::contains(ds.front().message, "iam:AttachRolePolicy on role/Target"));
    CHECK(testing::contains(ds.front().message, "it can act as role/Target (sts:AssumeRole"));
    const auto& path = ds.front().counterexample->path;
    REQUIRE(path.size() == 4);
    CHECK(path[1].starts_with("iam:AttachRolePolicy"));
    CHECK(path[2].starts_with("sts:AssumeRole"));
  }
  SUBCASE("a role whose trust policy it can rewrite (iam-021)") {
    AccountBuilder b;
    b.role("Target", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})", {});
    b.user("dev", {b.policy("Dev", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": ["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/Target"}]})")});
    const auto ds = pl911(b);
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds.front().message, "(iam:UpdateAssumeRolePolicy"));
    CHECK(ds.front().counterexample->path[1].starts_with("iam:UpdateAssumeRolePolicy"));
  }
  SUBCASE("a user whose access keys it can create (iam-015)") {
    AccountBuilder b;
    b.user("ci", {b.policy("CiReads", allow_json("s3:GetObject", "*"))});
    b.user("dev", {b.policy("Dev", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Action": ["iam:AttachUserPolicy", "iam:CreateAccessKey"], "Resource": "arn:aws:iam::111122223333:user/ci"}]})")});
    const auto ds = pl911(b);
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds.front().message, "it can act as user/ci (iam:CreateAccessKey"));
  }
  SUBCASE("a role it may write but cannot assume is PL410's warning only") {
    AccountBuilder b;
    b.role("Target", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})", {});
    b.user("dev", {b.policy("Dev", allow_json("iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/Target"))});
    CHECK(pl911(b).empty());
  }
}

TEST_CASE("PL911: joining a group counts only when the group is privileged") {
  AccountBuilder b;
  b.group("Admins", {b.policy("AdministratorAccess", allow_json("*", "*"))}).arn = "arn:aws:iam::111122223333:group/Admins";
  b.group("Readers", {b.policy("ReadOnly", allow_json("s3:GetObject", "*"))}).arn = "arn:aws:iam::111122223333:group/Readers";
  b.user("dev", {b.policy("Join", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:AddUserToGroup",
    "Resource": ["arn:aws:iam::111122223333:group/Admins", "arn:aws:iam::111122223333:group/Readers"]}]})")});
  const auto ds = pl911(b);
  REQUIRE(ds.size() == 1);
  CAPTURE(ds.front().message);
  CHECK(testing::contains(ds.front().message, "group Admins"));
  CHECK(testing::contains(ds.front().message, "allow every action"));
  CHECK(ds.front().counterexample->request.resource == "arn:aws:iam::111122223333:group/Admins");
}

TEST_CASE("PL911: no finding when the write is PL401's, someone else's, denied, moot or capped") {
  SUBCASE("granted on any user: PL401 reports it") {
    AccountBuilder b;
    b.user("dev", {b.policy("Any", allow_json("iam:PutUserPolicy", "*"))});
    CHECK(pl911(b).empty());
  }
  SUBCASE("a wildcard in the name is any resource: PL401 reports it") {
    AccountBuilder b;
    const auto managed = b.policy("Deploy", allow_json("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/Deploy*"));
    b.document(managed).arn = "arn:aws:iam::111122223333:policy/Deploy";
    b.user("dev", {managed});
    CHECK(pl911(b).empty());
  }
  SUBCASE("on another user only") {
    AccountBuilder b;
    b.user("dev", {b.policy("Other", allow_json("iam:PutUserPolicy", "arn:aws:iam::111122223333:user/ci"))});
    b.user("ci", {b.policy("Reads", allow_json("s3:GetObject", "*"))});
    CHECK(pl911(b).empty());
  }
  SUBCASE("a Deny on the same request") {
    AccountBuilder b;
    b.user("dev", {b.policy("Self", allow_json("iam:PutUserPolicy", "arn:aws:iam::111122223333:user/dev")),
                   b.policy("NoIamWrites", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                     "Action": "iam:Put*", "Resource": "*"}]})")});
    CHECK(pl911(b).empty());
  }
  SUBCASE("a principal that already holds every action") {
    AccountBuilder b;
    b.user("dev", {b.policy("Admin", allow_json("*", "*")),
                   b.policy("Self", allow_json("iam:PutUserPolicy", "arn:aws:iam::111122223333:user/dev"))});
    CHECK(pl911(b).empty());
  }
  SUBCASE("a boundary that allows no more than its policies") {
    AccountBuilder b;
    // The same grants in both: whatever it writes on itself, the boundary lets nothing more through.
    const std::string same = R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "arn:aws:iam::111122223333:user/dev"}]})";
    const auto boundary = b.policy("Boundary", same);
    b.user("dev", {b.policy("Self", same)}).permissions_boundary = boundary;
    CHECK(pl911(b).empty());
  }
}
