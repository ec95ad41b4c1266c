// The principal graph: who may assume which role, decided by the evaluator on concrete
// requests — trust × the caller's own policies ∩ its boundary, groups, chaining, cycles.
#include "support/account_builder.hpp"

#include <policylint/account/graph.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;
using testing::trust_json;

namespace {

const std::string k_admin = allow_json("*", "*");

bool can_assume(const account::Graph& g, const std::string& from, const std::string& to) {
  const auto f = g.find(from);
  const auto t = g.find(to);
  REQUIRE(f);
  REQUIRE(t);
  const auto& edges = g.assumable(*f);
  return std::find(edges.begin(), edges.end(), *t) != edges.end();
}

} // namespace

TEST_CASE("graph: a trust naming the user's ARN is enough in the same account") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  b.user("bob", {});
  b.role("Admin", trust_json(b.arn("user/bob")), {admin});
  const account::Graph g(b.account());
  CHECK(can_assume(g, "bob", "Admin"));
}

TEST_CASE("graph: a trust naming the account delegates to the caller's own policies") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  const auto assume = b.policy("AssumeAdmin", allow_json("sts:AssumeRole", b.arn("role/Admin")));
  const auto other = b.policy("AssumeOther", allow_json("sts:AssumeRole", b.arn("role/Other")));
  b.user("alice", {assume});
  b.user("carol", {other});
  b.user("dave", {});
  b.role("Admin", trust_json("111122223333"), {admin});
  b.role("Other", trust_json("arn:aws:iam::111122223333:root"), {});
  const account::Graph g(b.account());
  CHECK(can_assume(g, "alice", "Admin"));
  CHECK_FALSE(can_assume(g, "carol", "Admin")); // her policy names another role
  CHECK(can_assume(g, "carol", "Other"));
  CHECK_FALSE(can_assume(g, "dave", "Admin")); // no identity permission at all
  // Roles with administrator access may assume anything whose trust delegates to the account.
  CHECK(can_assume(g, "Admin", "Other"));
}

TEST_CASE("graph: group policies count, and a permissions boundary can block") {
  AccountBuilder b;
  const auto assume = b.policy("AssumeAdmin", allow_json("sts:AssumeRole", b.arn("role/Admin")));
  const auto boundary = b.policy("S3OnlyBoundary", allow_json("s3:*", "*"));
  b.group("Operators", {assume});
  b.user("erin", {}, {"Operators"});
  b.user("frank", {}, {"Operators"}).permissions_boundary = boundary;
  b.user("grace", {}, {"Nonexistent"});
  b.role("Admin", trust_json("111122223333"), {});
  const account::Graph g(b.account());
  CHECK(can_assume(g, "erin", "Admin"));
  CHECK_FALSE(can_assume(g, "frank", "Admin")); // the boundary does not allow sts:AssumeRole
  CHECK_FALSE(can_assume(g, "grace", "Admin"));
  const auto erin = g.find("erin");
  REQUIRE(erin);
  CHECK(g.nodes()[*erin].identity.size() == 1);
}

TEST_CASE("graph: deny anywhere wins, and conditions are evaluated") {
  AccountBuilder b;
  const auto assume = b.policy("AssumeAdmin", allow_json("sts:AssumeRole", b.arn("role/Admin")));
  const auto deny = b.policy("DenyAssume", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}]})");
  b.user("henry", {assume, deny});
  b.user("ivan", {assume});
  b.role("Admin", trust_json("111122223333", R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"), {});
  const account::Graph g(b.account());
  CHECK_FALSE(can_assume(g, "henry", "Admin"));
  CHECK(can_assume(g, "ivan", "Admin"));
  const auto ivan = *g.find("ivan");
  const auto admin = *g.find("Admin");
  // From inside the range: allowed; from outside: not.
  CHECK(g.assume(ivan, admin, account::Circumstances{"203.0.113.9", false, {}}, false));
  CHECK_FALSE(g.assume(ivan, admin, account::Circumstances{"198.51.100.23", false, {}}, false));
  const auto hop = g.assume(ivan, admin, account::Circumstances{}, false);
  REQUIRE(hop);
  CHECK(hop->found.request.action == "sts:AssumeRole");
  CHECK(hop->found.request.resource == b.arn("role/Admin"));
  CHECK(hop->trust_statement != nullptr);
}

TEST_CASE("graph: other accounts and everyone") {
  AccountBuilder b;
  b.user("bob", {});
  b.role("Vendor", trust_json("arn:aws:iam::444455556666:root"), {});
  b.role("Public", trust_json("*"), {});
  const account::Graph g(b.account());
  CHECK_FALSE(can_assume(g, "bob", "Vendor"));
  CHECK(can_assume(g, "bob", "Public")); // "*" names everyone, the same account included
}

TEST_CASE("graph: MFA on the first call and on chained sessions") {
  AccountBuilder b;
  const auto assume_all = b.policy("AssumeAll", allow_json("sts:AssumeRole", "*"));
  b.user("bob", {assume_all});
  b.role("Guarded", trust_json(b.arn("user/bob"), R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})"), {assume_all});
  b.role("Next", trust_json(b.arn("role/Guarded")), {});
  const account::Graph g(b.account());
  const auto bob = *g.find("bob");
  CHECK(g.reachable_roles(bob, account::Circumstances{}).size() == 2);
  CHECK(g.reachable_roles(bob, account::Circumstances{std::nullopt, true, {}}).empty());
}

TEST_CASE("graph: role chaining, cycles and the depth bound") {
  AccountBuilder b;
  const auto assume_all = b.policy("AssumeAll", allow_json("sts:AssumeRole", "*"));
  b.user("bob", {assume_all});
  // bob → R1 → R2 → R3 → R1 (a cycle), and R3 → R4.
  const std::string r1_trust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": [")" +
                               b.arn("user/bob") + R"(", ")" + b.arn("role/R3") + R"("]}, "Action": "sts:AssumeRole"}]})";
  b.role("R1", r1_trust, {assume_all});
  b.role("R2", trust_json(b.arn("role/R1")), {assume_all});
  b.role("R3", trust_json(b.arn("role/R2")), {assume_all});
  b.role("R4", trust_json(b.arn("role/R3")), {});
  const account::Graph g(b.account());
  CHECK(can_assume(g, "R3", "R1"));
  const auto bob = *g.find("bob");
  const auto paths = g.reachable_roles(bob, account::Circumstances{});
  REQUIRE(paths.size() == 4);
  CHECK(g.display_name(g.nodes()[paths[0].end()]) == "role/R1");
  CHECK(paths[0].hops.size() == 1);
  CHECK(g.display_name(g.nodes()[paths[3].end()]) == "role/R4");
  CHECK(paths[3].hops.size() == 4);
  // Sessions of R1 name the role: arn:aws:sts::…:assumed-role/R1/… matches R2's trust.
  CHECK(paths[1].hops.back().found.request.principal.starts_with("arn:aws:sts::111122223333:assumed-role/R1/"));

  const account::Graph shallow(b.account(), 2);
  CHECK(shallow.reachable_roles(bob, account::Circumstances{}).size() == 2);
}

TEST_CASE("graph: a cycle of roles ends") {
  AccountBuilder b;
  const auto assume_all = b.policy("AssumeAll", allow_json("sts:AssumeRole", "*"));
  b.user("bob", {assume_all});
  const std::string both = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": [")" +
                           b.arn("user/bob") + R"(", ")" + b.arn("role/B") + R"("]}, "Action": "sts:AssumeRole"}]})";
  b.role("A", both, {assume_all});
  b.role("B", trust_json(b.arn("role/A")), {assume_all});
  const account::Graph g(b.account());
  CHECK(can_assume(g, "A", "B"));
  CHECK(can_assume(g, "B", "A"));
  const auto paths = g.reachable_roles(*g.find("bob"), account::Circumstances{});
  REQUIRE(paths.size() == 2);
  CHECK(paths[1].hops.size() == 2);
}

TEST_CASE("graph: principals without ARNs get one in the account") {
  AccountBuilder b("");
  b.user("bob", {}).arn = "!GetAtt Bob.Arn";
  const account::Graph g(b.account());
  REQUIRE(g.find("bob"));
  CHECK(g.nodes()[*g.find("bob")].arn == "arn:aws:iam::123456789012:user/bob");
}

TEST_CASE("graph: the account id comes from the documents when nothing else names it") {
  AccountBuilder b("");
  b.user("bob", {}).arn.clear(); // a Terraform plan: names only, ARNs unknown until apply
  b.role("Admin", trust_json("arn:aws:iam::111122223333:user/bob"), {}).arn.clear();
  const account::Graph g(b.account());
  CHECK(g.nodes()[*g.find("Admin")].arn == "arn:aws:iam::111122223333:role/Admin");
  CHECK(can_assume(g, "bob", "Admin"));
}

TEST_CASE("graph: find answers by ARN, name or display name, the first node that has it") {
  AccountBuilder b;
  b.user("Admin", {b.policy("Reads", allow_json("s3:GetObject", "*"))});
  b.role("Admin", trust_json("arn:aws:iam::111122223333:root"), {b.policy("Everything", k_admin)});
  b.user("carol", {});
  const account::Graph g(b.account());
  REQUIRE(g.nodes().size() == 3);
  CHECK(g.find("Admin") == std::optional<std::size_t>{0});     // the user comes first
  CHECK(g.find("role/Admin") == std::optional<std::size_t>{1}); // the display name tells them apart
  CHECK(g.find(g.nodes()[1].arn) == std::optional<std::size_t>{1});
  CHECK(g.find("user/carol") == std::optional<std::size_t>{2});
  CHECK(g.find("carol") == std::optional<std::size_t>{2});
  CHECK_FALSE(g.find("role/carol").has_value());
  CHECK_FALSE(g.find("").has_value());
}
