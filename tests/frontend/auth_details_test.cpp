// Authorization-details snapshots and AWS CLI responses: documents, URL-encoded strings with
// positions in the file, the account model, and the corpus counted independently.
#include "support/corpora.hpp"
#include "frontend/frontend_support.hpp"

#include <doctest/doctest.h>

using namespace policylint;
using namespace policylint::testing;

namespace {

// The inline policy is URL-encoded, as the raw IAM API returns it: {"Version":"2012-10-17",
// "Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}.
const std::string k_snapshot = R"({
  "UserDetailList": [
    {"UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/bob", "GroupList": ["ops"],
     "UserPolicyList": [{"PolicyName": "all",
       "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}],
     "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}
  ],
  "GroupDetailList": [
    {"GroupName": "ops", "Arn": "arn:aws:iam::111122223333:group/ops", "GroupPolicyList": [],
     "AttachedManagedPolicies": {"PolicyName": "assume-admin", "PolicyArn": "arn:aws:iam::111122223333:policy/assume-admin"}}
  ],
  "RoleDetailList": [
    {"RoleName": "Admin", "Arn": "arn:aws:iam::111122223333:role/Admin",
     "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
       "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]},
     "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
     "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/assume-admin"}}
  ],
  "Policies": [
    {"PolicyName": "assume-admin", "Arn": "arn:aws:iam::111122223333:policy/assume-admin", "DefaultVersionId": "v2",
     "PolicyVersionList": [
       {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Admin"}]}},
       {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]},
    {"PolicyName": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "DefaultVersionId": "v1",
     "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
       "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}
  ]
})";

} // namespace

TEST_CASE("auth details: documents, what is linted, and the account") {
  auto r = read_text(k_snapshot, "snapshot.json");
  REQUIRE(r.extraction.format == frontend::InputFormat::auth_details);
  const auto& docs = r.extraction.documents;
  // Default versions of both managed policies, bob's inline policy, Admin's trust policy.
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].lint);       // customer managed
  CHECK_FALSE(docs[1].lint); // AWS managed: in the account, not linted
  CHECK(docs[3].kind == policy::PolicyKind::trust);
  const auto& account = r.extraction.account;
  CHECK(account.id == "111122223333");
  REQUIRE(account.principals.size() == 3);
  const auto& bob = account.principals[0];
  CHECK(bob.name == "bob");
  CHECK(bob.groups == std::vector<std::string>{"ops"});
  CHECK(bob.policies == std::vector<std::size_t>{2});
  CHECK(bob.unresolved_policy_arns == std::vector<std::string>{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  const auto& ops = account.principals[1];
  CHECK(ops.policies == std::vector<std::size_t>{0}); // AttachedManagedPolicies given as one object
  const auto& admin = account.principals[2];
  CHECK(admin.trust_policy == std::optional<std::size_t>{3});
  CHECK(admin.policies == std::vector<std::size_t>{1});
  CHECK(admin.permissions_boundary == std::optional<std::size_t>{0});
  CHECK(admin.permissions_boundary_arn == "arn:aws:iam::111122223333:policy/assume-admin");
}

TEST_CASE("auth details: a finding in a URL-encoded document points at its escape in the file") {
  const auto ds = lint_text(k_snapshot, {"PL101"}, "snapshot.json");
  const auto pl101 = with_code(ds, "PL101");
  // bob's inline policy only: the old v1 version and the AWS managed policy are not linted.
  REQUIRE(pl101.size() == 1);
  const std::string action = "%22Action%22%3A";
  const std::size_t at = k_snapshot.find(action) + action.size();
  CHECK(pl101[0].range.begin == at);
  CHECK(k_snapshot.substr(at, pl101[0].range.end - at) == "%22%2A%22");
  CHECK(pl101[0].location.start.line == 5);
}

TEST_CASE("auth details: a URL-encoded document that is not JSON is PL000 inside the string") {
  const std::string text =
      R"({"UserDetailList": [{"UserName": "x", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Version%22%3A%7D"}]}]})";
  const auto ds = lint_text(text, {}, "s.json");
  const auto pl000 = with_code(ds, "PL000");
  REQUIRE(pl000.size() == 1);
  CHECK(pl000[0].range.begin == text.find("%7D\""));
}

TEST_CASE("aws cli: wrapped documents") {
  SUBCASE("get-bucket-policy: a JSON string") {
    const std::string text = R"({
    "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-site/*\"}]}"
})";
    auto r = read_text(text);
    CHECK(r.extraction.format == frontend::InputFormat::aws_cli);
    REQUIRE(r.extraction.documents.size() == 1);
    CHECK(r.extraction.documents[0].kind == policy::PolicyKind::resource);
    const auto ds = lint_text(text, {"PL320"});
    const auto pl320 = with_code(ds, "PL320");
    REQUIRE_FALSE(pl320.empty());
    CHECK(pl320[0].location.start.line == 2);
  }
  SUBCASE("get-role: URL-encoded trust policy") {
    const std::string text = R"({"Role": {"RoleName": "Admin", "Arn": "arn:aws:iam::111122223333:role/Admin",
      "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22AWS%22%3A%22%2A%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"}})";
    auto r = read_text(text);
    REQUIRE(r.extraction.documents.size() == 1);
    CHECK(r.extraction.documents[0].kind == policy::PolicyKind::trust);
    REQUIRE(r.extraction.account.principals.size() == 1);
    CHECK(r.extraction.account.principals[0].trust_policy == std::optional<std::size_t>{0});
  }
  SUBCASE("get-policy-version and get-role-policy") {
    auto v = read_text(R"({"PolicyVersion": {"VersionId": "v1", "IsDefaultVersion": true,
      "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}}})");
    CHECK(v.extraction.documents.size() == 1);
    auto p = read_text(R"({"RoleName": "r", "PolicyName": "p",
      "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}})");
    CHECK(p.extraction.format == frontend::InputFormat::aws_cli);
    CHECK(p.extraction.documents.size() == 1);
  }
  SUBCASE("a plain policy stays a plain policy") {
    auto r = read_text(R"({"Version": "2012-10-17", "Statement": []})");
    CHECK(r.extraction.format == frontend::InputFormat::policy);
  }
}

namespace {

std::size_t list_size(const json::Value* v) {
  if (v == nullptr) {
    return 0;
  }
  return v->is_object() ? 1 : v->items.size();
}

} // namespace

TEST_CASE("auth details corpus: every snapshot reads, documents counted independently") {
  const auto dir = k_corpora / "auth-details";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  std::size_t snapshots = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") {
      continue;
    }
    auto r = read_text(slurp(e.path()), e.path().string());
    CAPTURE(e.path().string());
    REQUIRE(r.extraction.format == frontend::InputFormat::auth_details);
    ++snapshots;
    // Independent count from the raw tree: inline policy lists, trust policies, one default
    // version per managed policy; principals: the three lists.
    std::size_t want_docs = 0;
    std::size_t want_principals = 0;
    for (const char* list : {"UserDetailList", "GroupDetailList", "RoleDetailList"}) {
      const json::Value* l = r.root->find(list);
      want_principals += list_size(l);
      for (std::size_t i = 0; l != nullptr && i < l->items.size(); ++i) {
        const json::Value& p = l->items[i];
        for (const char* inline_list : {"UserPolicyList", "GroupPolicyList", "RolePolicyList"}) {
          want_docs += list_size(p.find(inline_list));
        }
        want_docs += p.find("AssumeRolePolicyDocument") != nullptr ? 1U : 0U;
      }
    }
    want_docs += list_size(r.root->find("Policies"));
    CHECK(r.extraction.documents.size() == want_docs);
    CHECK(r.extraction.account.principals.size() == want_principals);
    for (const auto& n : r.extraction.notes) {
      CHECK(n.range.end <= r.file->size());
    }
  }
  CHECK(snapshots == 9);
}
