// The embedded AWS managed policies: lookup, and resolution of ARNs in the account model.
#include "support/corpora.hpp"
#include "frontend/frontend_support.hpp"

#include <doctest/doctest.h>

#include <policylint/managed/managed_policies.hpp>

using namespace policylint;
using namespace policylint::testing;

TEST_CASE("managed policies: the snapshot holds AWS's documents by ARN") {
  CHECK(managed::policy_count() > 1500);
  const auto admin = managed::find_document("arn:aws:iam::aws:policy/AdministratorAccess");
  REQUIRE(admin.has_value());
  CHECK(*admin == R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})");
  CHECK(managed::find_document("arn:aws-cn:iam::aws:policy/AdministratorAccess") == admin);
  CHECK(managed::find_document("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess").has_value());
  CHECK_FALSE(managed::find_document("arn:aws:iam::aws:policy/NoSuchPolicy").has_value());
  CHECK_FALSE(managed::find_document("arn:aws:iam::111122223333:policy/AdministratorAccess").has_value());
}

TEST_CASE("managed policies: the corpus copy and the embedded snapshot agree") {
  const auto index = k_corpora / "aws-managed" / "index.json";
  if (!policylint::testing::corpus_present(index)) {
    return;
  }
  const SourceFile file("index.json", slurp(index));
  auto tree = json::parse(file);
  REQUIRE(tree.has_value());
  std::size_t found = 0;
  for (const auto& entry : tree->items) {
    const json::Value* arn = entry.find("arn");
    REQUIRE(arn != nullptr);
    found += managed::find_document(arn->text).has_value() ? 1U : 0U;
  }
  CHECK(found == tree->items.size());
  CHECK(managed::policy_count() == tree->items.size());
}

TEST_CASE("managed policies: a template's ManagedPolicyArns resolve in the runner's account") {
  const std::string text = R"(Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: sts:AssumeRole}
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess
        - arn:aws:iam::111122223333:policy/not-in-this-file
      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
)";
  const SourceFile file("t.yaml", text);
  account::Account account;
  (void)engine::lint_source(file, {}, &account);
  REQUIRE(account.principals.size() == 1);
  const auto& admin = account.principals[0];
  REQUIRE(admin.policies.size() == 1);
  const auto& doc = account.documents[admin.policies[0]];
  CHECK(doc.arn == "arn:aws:iam::aws:policy/AdministratorAccess");
  CHECK(doc.name == "AdministratorAccess");
  CHECK(doc.file.empty());
  REQUIRE(doc.policy.statements.size() == 1);
  CHECK(doc.policy.statements[0].action.values[0].value == "*");
  CHECK(admin.unresolved_policy_arns == std::vector<std::string>{"arn:aws:iam::111122223333:policy/not-in-this-file"});
  REQUIRE(admin.permissions_boundary.has_value());
  CHECK(account.documents[*admin.permissions_boundary].name == "PowerUserAccess");
}
