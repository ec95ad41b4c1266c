// What the cross-policy rules count as privileged: administrator access or one of the
// privilege-escalation permissions, on another principal of the account, within the boundary.
#include "support/account_builder.hpp"

#include <policylint/account/privilege.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;
using testing::trust_json;

namespace {

std::optional<account::Grant> grant_of(const AccountBuilder& b, const std::string& role) {
  const account::Graph g(b.account());
  const auto node = g.find(role);
  REQUIRE(node);
  return account::privileged_grant(g, g.nodes()[*node], account::Circumstances{}, true);
}

} // namespace

TEST_CASE("privilege: administrator access, and the statement that grants it") {
  AccountBuilder b;
  b.role("Admin", trust_json("111122223333"), {b.policy("AdministratorAccess", allow_json("*", "*"))});
  const auto grant = grant_of(b, "Admin");
  REQUIRE(grant);
  CHECK(grant->action == "iam:CreateAccessKey");
  const account::Graph g(b.account());
  CHECK(account::describe_grant(g, *grant) == "iam:CreateAccessKey via \"*\" (AdministratorAccess, statement #1)");
}

TEST_CASE("privilege: escalation permissions without \"*\"") {
  AccountBuilder b;
  b.role("PolicyWriter", trust_json("111122223333"), {b.policy("Writer", allow_json("iam:Put*Policy", "*"))});
  b.role("Reader", trust_json("111122223333"), {b.policy("ReadOnly", allow_json("iam:Get*", "*"))});
  b.role("Versioner", trust_json("111122223333"),
         {b.policy("Versions", allow_json("iam:CreatePolicyVersion", "arn:aws:iam::111122223333:policy/*"))});
  const auto writer = grant_of(b, "PolicyWriter");
  REQUIRE(writer);
  CHECK(writer->action == "iam:PutUserPolicy");
  CHECK_FALSE(grant_of(b, "Reader"));
  REQUIRE(grant_of(b, "Versioner"));
  CHECK(grant_of(b, "Versioner")->action == "iam:CreatePolicyVersion");
}

TEST_CASE("privilege: iam:PassRole escalates only with a service that runs code") {
  AccountBuilder b;
  b.role("PassOnly", trust_json("111122223333"), {b.policy("Pass", allow_json("iam:PassRole", "*"))});
  const auto lambda = b.policy("Lambda", allow_json("lambda:CreateFunction", "*"));
  b.role("PassAndRun", trust_json("111122223333"), {b.policy("Pass2", allow_json("iam:PassRole", "*")), lambda});
  CHECK_FALSE(grant_of(b, "PassOnly"));
  const auto grant = grant_of(b, "PassAndRun");
  REQUIRE(grant);
  CHECK(grant->action == "iam:PassRole");
}

TEST_CASE("privilege: permissions on oneself only, a boundary, and a Deny") {
  AccountBuilder b;
  // Access keys for oneself are not an escalation: the resource is the user's own ARN.
  b.user("self", {b.policy("OwnKeys", allow_json("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/${aws:username}"))});
  const auto admin = b.policy("AdministratorAccess", allow_json("*", "*"));
  b.role("Bounded", trust_json("111122223333"), {admin}).permissions_boundary = b.policy("S3Only", allow_json("s3:*", "*"));
  b.role("Denied", trust_json("111122223333"),
         {admin, b.policy("DenyIam", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["iam:*", "lambda:*", "ec2:*",
           "cloudformation:*", "ecs:*", "glue:*"], "Resource": "*"}]})")});
  const account::Graph g(b.account());
  CHECK_FALSE(account::privileged_grant(g, g.nodes()[*g.find("self")], account::Circumstances{}, false));
  CHECK_FALSE(grant_of(b, "Bounded"));
  CHECK_FALSE(grant_of(b, "Denied"));
}
