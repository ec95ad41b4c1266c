// Documents a snapshot repeats are linted once: which documents count as alike, and that each
// copy still gets every finding at its own bytes, as if it had been linted on its own.
#include "frontend/frontend_support.hpp"

#include <policylint/engine/repeated_documents.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace policylint;
using namespace policylint::testing;

namespace {

// Three users hold an administrator inline policy: alice's and bob's are the same bytes,
// carol's is the same policy with other spacing. The role's trust policy has an inline
// policy's bytes elsewhere too, as a trust policy (another kind: not alike).
const std::string k_admin = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
const std::string k_admin_spaced =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",  "Action": "*", "Resource": "*"}]})";
const std::string k_trust =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]})";

std::string user(const std::string& name, const std::string& policy) {
  return R"({"UserName": ")" + name + R"(", "Arn": "arn:aws:iam::111122223333:user/)" + name +
         R"(", "GroupList": [], "UserPolicyList": [{"PolicyName": "all", "PolicyDocument": )" + policy + "}]}";
}

const std::string k_snapshot = R"({"UserDetailList": [)" + user("alice", k_admin) + ",\n" + user("bob", k_admin) +
                               ",\n" + user("carol", k_admin_spaced) + ",\n" + user("dave", k_trust) +
                               R"(], "GroupDetailList": [], "RoleDetailList": [
  {"RoleName": "Ops", "Arn": "arn:aws:iam::111122223333:role/Ops", "AssumeRolePolicyDocument": )" +
                               k_trust + R"(, "RolePolicyList": [], "AttachedManagedPolicies": []}],
  "Policies": []})";

std::vector<engine::Diagnostic> findings_of(const std::vector<engine::Diagnostic>& ds, SourceRange document) {
  std::vector<engine::Diagnostic> out;
  std::copy_if(ds.begin(), ds.end(), std::back_inserter(out), [&](const engine::Diagnostic& d) {
    return d.range.begin >= document.begin && d.range.end <= document.end;
  });
  return out;
}

} // namespace

TEST_CASE("repeated documents: the same bytes in the same context are alike, other spacing or kind is not") {
  auto r = read_text(k_snapshot, "snapshot.json");
  const auto& docs = r.extraction.documents;
  REQUIRE(docs.size() == 5); // four inline policies, one trust policy
  const std::vector<bool> attached(docs.size(), true); // by document
  const auto alike = engine::earlier_alike(*r.file, r.extraction, attached, 2);
  REQUIRE(alike.size() == docs.size());
  CHECK_FALSE(alike[0].has_value());                  // alice: the first
  CHECK(alike[1] == std::optional<std::size_t>{0});   // bob: alice's bytes
  CHECK_FALSE(alike[2].has_value());                  // carol: other spacing, other spans
  CHECK_FALSE(alike[3].has_value());                  // dave: trust-policy bytes as an identity policy
  CHECK_FALSE(alike[4].has_value());                  // the role's trust policy: another kind than dave's
  // The same bytes held by a principal and by nobody are judged differently (PolicyUnit).
  std::vector<bool> only_alice(docs.size(), false);
  only_alice[0] = true;
  const auto split = engine::earlier_alike(*r.file, r.extraction, only_alice, 1);
  CHECK_FALSE(split[1].has_value());
}

TEST_CASE("repeated documents: a copy gets the first one's findings at its own bytes") {
  const auto ds = lint_text(k_snapshot, {}, "snapshot.json");
  auto r = read_text(k_snapshot, "snapshot.json");
  const auto& docs = r.extraction.documents;
  const auto alice = findings_of(ds, docs[0].tree->range);
  const auto bob = findings_of(ds, docs[1].tree->range);
  const auto carol = findings_of(ds, docs[2].tree->range);
  REQUIRE_FALSE(alice.empty());
  CHECK(has_code(alice, "PL101"));
  REQUIRE(bob.size() == alice.size());
  REQUIRE(carol.size() == alice.size()); // linted on its own, the same policy
  const std::uint32_t shift = docs[1].tree->range.begin - docs[0].tree->range.begin;
  for (std::size_t i = 0; i < alice.size(); ++i) {
    CHECK(bob[i].rule == alice[i].rule);
    CHECK(bob[i].message == alice[i].message);
    CHECK(bob[i].range.begin == alice[i].range.begin + shift);
    CHECK(bob[i].range.end == alice[i].range.end + shift);
    CHECK(bob[i].location.start.line == alice[i].location.start.line + 1); // one user per line
    CHECK(bob[i].statement == alice[i].statement);
    CHECK(bob[i].pointer != alice[i].pointer); // each names its own user
    CHECK(bob[i].counterexample.has_value() == alice[i].counterexample.has_value());
    CHECK(carol[i].rule == alice[i].rule);
  }
  // The copy's findings point at its own "*", on its own line.
  const auto pl101 = with_code(bob, "PL101");
  REQUIRE(pl101.size() == 1);
  CHECK(k_snapshot.substr(pl101[0].range.begin, pl101[0].range.end - pl101[0].range.begin) == "\"*\"");
  CHECK(pl101[0].pointer.starts_with("/UserDetailList/1/"));
}

TEST_CASE("repeated documents: a finding outside its document or with a fix is not moved") {
  engine::Diagnostic inside;
  inside.range = SourceRange{12, 15};
  const auto moved = engine::moved_findings({inside}, SourceRange{10, 20}, SourceRange{110, 120});
  REQUIRE(moved.has_value());
  REQUIRE(moved->size() == 1);
  CHECK((*moved)[0].range == SourceRange{112, 115});
  engine::Diagnostic outside;
  outside.range = SourceRange{5, 8};
  CHECK_FALSE(engine::moved_findings({inside, outside}, SourceRange{10, 20}, SourceRange{110, 120}).has_value());
  engine::Diagnostic fixed = inside;
  fixed.fixes.push_back({"remove", {}});
  CHECK_FALSE(engine::moved_findings({fixed}, SourceRange{10, 20}, SourceRange{110, 120}).has_value());
}
