// PL910: a principal that may lift its own permissions boundary, when its policies grant more
// than the boundary lets through. Each way the lift is blocked (the boundary itself, a Deny,
// resource scoping, a condition on the new boundary) and a boundary that blocks nothing the
// policies grant are negatives.
#include "support/account_builder.hpp"
#include "support/account_lint.hpp"
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;

namespace {

std::vector<engine::Diagnostic> pl910(const AccountBuilder& b) { return testing::account_findings(b, "PL910"); }

// The delegated-administrator pattern: broad policies, held in by a boundary.
const std::string k_admin = allow_json("*", "*");
const std::string k_s3_and_remove = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Action": ["s3:*", "iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary"], "Resource": "*"}]})";

} // namespace

TEST_CASE("PL910: a user whose boundary lets it delete that boundary regains its administrator policy") {
  AccountBuilder b;
  const auto admin = b.policy("Admin", k_admin);
  const auto boundary = b.policy("DevBoundary", k_s3_and_remove);
  b.user("dev", {admin}).permissions_boundary = boundary;
  const auto ds = pl910(b);
  REQUIRE(ds.size() == 1);
  const auto& d = ds.front();
  CAPTURE(d.message);
  CHECK(testing::contains(d.message, "user/dev may delete its permissions boundary DevBoundary"));
  CHECK(testing::contains(d.message, "iam:DeleteUserPermissionsBoundary"));
  CHECK(d.file == "Admin.json"); // the statement that grants the removal
  REQUIRE(d.counterexample.has_value());
  CHECK(d.counterexample->request.action == "iam:DeleteUserPermissionsBoundary");
  CHECK(d.counterexample->request.resource == b.arn("user/dev"));
  // The removal is allowed with the boundary in force: identity and boundary both let it through.
  const auto& acct = b.account();
  const std::vector<const policy::Policy*> bounded{&acct.documents[admin].policy, &acct.documents[boundary].policy};
  CHECK(eval::evaluate(bounded, d.counterexample->request).decision == eval::Decision::allowed);
  REQUIRE(d.counterexample->path.size() == 3);
  CHECK(testing::contains(d.counterexample->path[2], "allowed without the boundary"));
  CHECK_FALSE(testing::contains(d.counterexample->path[2], "s3:")); // the boundary allows S3 already
}

TEST_CASE("PL910: a role's session may delete its own role's boundary") {
  AccountBuilder b;
  const auto admin = b.policy("Admin", k_admin);
  const auto boundary = b.policy("RoleBoundary", k_s3_and_remove);
  b.role("Deployer", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})", {admin})
      .permissions_boundary = boundary;
  const auto ds = pl910(b);
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds.front().message, "role/Deployer may delete its permissions boundary"));
  CHECK(ds.front().counterexample->request.action == "iam:DeleteRolePermissionsBoundary");
  CHECK(ds.front().counterexample->request.resource == b.arn("role/Deployer"));
}

TEST_CASE("PL910: replacing the boundary counts unless a condition pins the new one") {
  const std::string put_any = allow_json("iam:PutUserPermissionsBoundary", "*");
  AccountBuilder open;
  const auto boundary = open.policy("DevBoundary", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["s3:*", "iam:PutUserPermissionsBoundary"], "Resource": "*"}]})");
  open.user("dev", {open.policy("Admin", k_admin)}).permissions_boundary = boundary;
  const auto ds = pl910(open);
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds.front().message, "replace its permissions boundary DevBoundary with AdministratorAccess"));
  CHECK(ds.front().counterexample->request.action == "iam:PutUserPermissionsBoundary");

  // AWS's delegation pattern: the only boundary the user may set is the one it has.
  AccountBuilder pinned;
  const auto pinned_boundary = pinned.policy("DevBoundary", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["s3:*", "iam:PutUserPermissionsBoundary"], "Resource": "*"}]})");
  const auto policies = pinned.policy("Delegated", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:*", "iam:CreateUser", "iam:GetUser"], "Resource": "*"},
    {"Effect": "Allow", "Action": "iam:PutUserPermissionsBoundary", "Resource": "*",
     "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/DevBoundary"}}}]})");
  pinned.user("dev", {policies}).permissions_boundary = pinned_boundary;
  CHECK(pl910(pinned).empty());
}

TEST_CASE("PL910: no finding when the removal is blocked or gains nothing") {
  SUBCASE("the boundary does not allow the removal") {
    AccountBuilder b;
    const auto boundary = b.policy("DevBoundary", allow_json("s3:*", "*"));
    b.user("dev", {b.policy("Admin", k_admin)}).permissions_boundary = boundary;
    CHECK(pl910(b).empty());
  }
  SUBCASE("a Deny in the user's policies") {
    AccountBuilder b;
    const auto boundary = b.policy("DevBoundary", k_s3_and_remove);
    b.user("dev", {b.policy("Admin", k_admin), b.policy("KeepBoundary", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Action": ["iam:DeleteUserPermissionsBoundary", "iam:PutUserPermissionsBoundary"],
       "Resource": "*"}]})")})
        .permissions_boundary = boundary;
    CHECK(pl910(b).empty());
  }
  SUBCASE("the removal is scoped to other users") {
    AccountBuilder b;
    const auto boundary = b.policy("DevBoundary", k_s3_and_remove);
    b.user("dev", {b.policy("Scoped", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:*", "iam:CreateUser"], "Resource": "*"},
      {"Effect": "Allow", "Action": "iam:DeleteUserPermissionsBoundary",
       "Resource": "arn:aws:iam::111122223333:user/contractors/*"}]})")})
        .permissions_boundary = boundary;
    CHECK(pl910(b).empty());
  }
  SUBCASE("the policies grant nothing the boundary blocks") {
    AccountBuilder b;
    const auto boundary = b.policy("DevBoundary", k_s3_and_remove);
    b.user("dev", {b.policy("Same", k_s3_and_remove)}).permissions_boundary = boundary;
    CHECK(pl910(b).empty());
  }
  SUBCASE("no boundary at all") {
    AccountBuilder b;
    b.user("dev", {b.policy("Admin", k_admin)});
    CHECK(pl910(b).empty());
  }
}
