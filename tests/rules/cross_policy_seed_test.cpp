// The cross-policy rules on the seed article's designs: the wrong ones (admin user with a raw
// SourceIp Deny, a role trusting the account, a trust without MFA, a user keeping its own
// permissions, a role with its own IP Deny, an IP Deny in one policy and "*" in another) and
// the fixed one, which must be silent.
#include "support/account_builder.hpp"
#include "support/lint_text.hpp"

#include <policylint/account/graph.hpp>
#include <policylint/engine/account_runner.hpp>
#include <policylint/output/report.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;
using testing::contains;
using testing::trust_json;

namespace {

const std::string k_admin = allow_json("*", "*");
const std::string k_role_arn = "arn:aws:iam::111122223333:role/AssumedAdministratorAccessRole";
const std::string k_guard = R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}})";

// The user policy of the article's fixed design: assume the role; deny everything from elsewhere.
std::string user_policy(const std::string& ranges = R"(["203.0.113.0/24"])") {
  return R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "AllowAssumeRole", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ")" + k_role_arn + R"("},
    {"Sid": "SourceIPRestriction", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": )" + ranges + R"(}}}]})";
}

std::string ip_deny(const std::string& ranges = R"(["203.0.113.0/24"])") {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "SourceIPRestriction", "Effect": "Deny", "Action": "*",
    "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": )" + ranges + "}}}]}";
}

std::vector<engine::Diagnostic> lint(const AccountBuilder& b, std::vector<std::string> select = {"cross-policy"},
                                     std::vector<std::string> allowlist = {}) {
  engine::LintOptions options;
  options.selection.select = std::move(select);
  engine::AccountLintOptions account_options;
  account_options.sources = b.files();
  account_options.ip_allowlist = std::move(allowlist);
  return engine::lint_account(b.account(), options, account_options);
}

std::vector<engine::Diagnostic> only(const std::vector<engine::Diagnostic>& ds, const std::string& code) {
  std::vector<engine::Diagnostic> out;
  for (const auto& d : ds) {
    if (d.rule->code == code) {
      out.push_back(d);
    }
  }
  return out;
}

std::string joined_path(const engine::Diagnostic& d) {
  REQUIRE(d.counterexample);
  std::string out;
  for (const auto& step : d.counterexample->path) {
    out += out.empty() ? step : " → " + step;
  }
  return out;
}

// The article's fixed design, to vary one piece at a time.
struct Seed {
  AccountBuilder b;
  std::size_t admin;
  explicit Seed(const std::string& user_doc = user_policy(), const std::string& trust = "") {
    admin = b.policy("AdministratorAccess", k_admin);
    b.user("test-user", {b.policy("AllowAssumeRoleWithSourceIPRestriction", user_doc)});
    b.role("AssumedAdministratorAccessRole", trust.empty() ? trust_json(b.arn("user/test-user"), k_guard) : trust,
           {admin});
  }
};

} // namespace

TEST_CASE("cross-policy: the seed's fixed design is silent") {
  Seed seed;
  CHECK(lint(seed.b).empty());
  // An organisation allow-list that contains the user's range changes nothing.
  CHECK(lint(seed.b, {"cross-policy"}, {"203.0.113.0/24", "2001:db8::/32"}).empty());
}

TEST_CASE("cross-policy: an admin user with a raw SourceIp Deny in a separate policy (PL907, not PL906)") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  const auto deny = b.policy("SourceIPRestriction", ip_deny());
  b.user("test-user", {admin, deny});
  const auto ds = lint(b);
  CHECK(only(ds, "PL906").empty()); // the Deny in the other policy covers the "*"
  const auto pl907 = only(ds, "PL907");
  REQUIRE(pl907.size() == 1);
  CHECK(pl907[0].file == "SourceIPRestriction.json");
  CHECK(pl907[0].location.start.line == 2);
  CHECK(contains(pl907[0].message, "another policy of user/test-user grants ec2:RunInstances"));
  CHECK(pl907[0].counterexample->decision == eval::Decision::explicit_deny);
  // One document at a time, PL101 reports AdministratorAccess (it cannot see the Deny) and PL102
  // reports the lone Deny (whoever it is attached to, unless that principal only assumes roles,
  // which the file cannot show): PL906/PL907 are the precise answer with the whole user.
  CHECK(testing::has_code(testing::lint_text(k_admin, {"PL101"}), "PL101"));
  CHECK(testing::has_code(testing::lint_text(ip_deny(), {"PL102"}), "PL102"));
}

TEST_CASE("cross-policy: an IP Deny in one policy covers \"*\" in another, also through a group (PL906)") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  const auto deny = b.policy("DenyOutside", ip_deny());
  b.group("Admins", {admin});
  b.group("Guarded", {deny});
  b.user("covered", {}, {"Admins", "Guarded"});
  b.user("exposed", {}, {"Admins"});
  const auto ds = only(lint(b), "PL906");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].file == "AdministratorAccess.json");
  CHECK(contains(ds[0].message, "user/exposed"));
  CHECK(joined_path(ds[0]) == "user/exposed from 198.51.100.23, no MFA → iam:CreateAccessKey via \"*\" → allowed");
  // A Deny that only covers some addresses' services still leaves the rest: a Deny limited to s3.
  AccountBuilder partial;
  const auto admin2 = partial.policy("AdministratorAccess", k_admin);
  const auto s3_deny = partial.policy("DenyS3Outside", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
    "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})");
  partial.user("bob", {admin2, s3_deny});
  CHECK(only(lint(partial), "PL906").size() == 1);
}

TEST_CASE("cross-policy: iam:* in one policy and NotAction iam:* in another are every action, with no \"*\" written (PL906)") {
  AccountBuilder b;
  const auto iam = b.policy("IamAll", allow_json("iam:*", "*"));
  const auto rest = b.policy("AllButIam", R"({"Version": "2012-10-17", "Statement": [{"Sid": "AllButIam", "Effect": "Allow",
    "NotAction": "iam:*", "Resource": "*"}]})");
  const auto deny = b.policy("DenyOutside", ip_deny());
  b.user("split", {iam, rest});
  b.user("guarded", {iam, rest, deny});
  b.user("half", {rest});
  const auto ds = only(lint(b), "PL906");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].file == "IamAll.json");
  CHECK(contains(ds[0].message, "user/split"));
  CHECK(contains(ds[0].message, "none writes"));
  CHECK(joined_path(ds[0]) == "user/split from 198.51.100.23, no MFA → iam:CreateAccessKey → allowed");
  // Each policy alone is not administrator access: PL101 is silent on both files.
  CHECK(!testing::has_code(testing::lint_text(allow_json("iam:*", "*"), {"PL101"}), "PL101"));
}

TEST_CASE("cross-policy: a privileged role trusting the account id (PL903, and PL901 without MFA)") {
  Seed seed(user_policy(), trust_json("111122223333"));
  // Another user with a broad sts:AssumeRole, and no IP guard of its own.
  seed.b.user("mallory", {seed.b.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"))});
  const auto ds = lint(seed.b);
  const auto pl903 = only(ds, "PL903");
  REQUIRE(pl903.size() == 1);
  CHECK(pl903[0].file == "trust-AssumedAdministratorAccessRole.json");
  CHECK(contains(pl903[0].message, "every principal of account 111122223333"));
  CHECK(contains(pl903[0].message, "(user/test-user, user/mallory can assume it today)"));
  const auto pl901 = only(ds, "PL901");
  // test-user: no MFA needed; mallory: from anywhere and without MFA.
  REQUIRE(pl901.size() == 3);
  bool mallory_outside = false;
  bool user_without_mfa = false;
  for (const auto& d : pl901) {
    const std::string path = joined_path(d);
    mallory_outside |= path.starts_with("user/mallory from 198.51.100.23 → sts:AssumeRole role/AssumedAdministratorAccessRole");
    // Without MFA, from one address inside the allow-list for every call.
    user_without_mfa |= path == "user/test-user from 203.0.113.0, no MFA → sts:AssumeRole role/AssumedAdministratorAccessRole → "
                                "iam:CreateAccessKey via \"*\" (AdministratorAccess, statement #1)";
  }
  CHECK(mallory_outside);
  CHECK(user_without_mfa);
  // test-user's own IP Deny still guards it from outside the allow-list.
  for (const auto& d : pl901) {
    CHECK_FALSE(joined_path(d).starts_with("user/test-user from 198.51.100.23"));
  }
}

TEST_CASE("cross-policy: a privileged role trusting another account or everyone (PL903)") {
  Seed vendor(user_policy(), trust_json("arn:aws:iam::444455556666:root", k_guard));
  const auto ds = only(lint(vendor.b), "PL903");
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds[0].message, "admits every principal of account 444455556666"));
  CHECK(ds[0].counterexample->request.principal == "arn:aws:iam::444455556666:user/any-user-in-account");

  Seed everyone(user_policy(), trust_json("*", k_guard));
  const auto all = only(lint(everyone.b), "PL903");
  REQUIRE(all.size() == 1);
  CHECK(testing::contains(all[0].message, "every principal of every AWS account"));

  // A trust that names the user, plus a condition only the user meets: silent.
  Seed named;
  CHECK(only(lint(named.b), "PL903").empty());
  // A non-privileged role may trust the account: silent.
  AccountBuilder reader;
  reader.role("ReadOnly", trust_json("111122223333"), {reader.policy("S3Read", allow_json("s3:Get*", "*"))});
  CHECK(only(lint(reader), "PL903").empty());
}

TEST_CASE("cross-policy: PL903 on a role trusted by one named role of another account follows trusted-accounts") {
  // AWS's own StackSets setup: the execution role, with administrator access, trusts the
  // administration role of the management account.
  const std::string admin_role = "arn:aws:iam::072528804237:role/AWSCloudFormationStackSetAdministrationRole";
  AccountBuilder b;
  b.role("AWSCloudFormationStackSetExecutionRole", trust_json(admin_role), {b.policy("AdministratorAccess", k_admin)});
  const auto ds = only(lint(b, {"PL903"}), "PL903");
  REQUIRE(ds.size() == 1);
  CHECK(contains(ds[0].message, "cross-account trust"));
  CHECK(contains(ds[0].message, "list account 072528804237 in organisation.trusted-accounts"));
  CHECK_FALSE(contains(ds[0].message, "name the ARNs"));
  CHECK(ds[0].counterexample->request.principal == admin_role);

  // The organisation says the management account is its own: its named role is no outsider.
  engine::Organisation organisation;
  organisation.trusted_accounts = {"072528804237"};
  engine::LintOptions options;
  options.selection.select = {"PL903"};
  options.organisation = &organisation;
  engine::AccountLintOptions account_options;
  account_options.sources = b.files();
  CHECK(engine::lint_account(b.account(), options, account_options).empty());

  // Trusting that account's root still delegates to every principal of it.
  AccountBuilder root;
  root.role("AWSCloudFormationStackSetExecutionRole", trust_json("arn:aws:iam::072528804237:root"),
            {root.policy("AdministratorAccess", k_admin)});
  account_options.sources = root.files();
  const auto delegated = engine::lint_account(root.account(), options, account_options);
  REQUIRE(delegated.size() == 1);
  CHECK(contains(delegated[0].message, "every principal of account 072528804237"));
}

TEST_CASE("cross-policy: a finding in an AWS managed policy without a file points at the principal") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  b.document(admin).file.clear(); // resolved from the embedded AWS managed policy snapshot
  b.user("exposed", {admin}).anchor = SourceRange{10, 20};
  const auto ds = only(lint(b), "PL906");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].file == "account.json");
  CHECK(ds[0].range == SourceRange{10, 20});
}

TEST_CASE("cross-policy: a graph too large to decide says so") {
  Seed seed(user_policy(), trust_json("111122223333"));
  seed.b.user("mallory", {seed.b.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"))});
  engine::LintOptions options;
  engine::AccountLintOptions account_options;
  account_options.max_edge_searches = 1;
  const auto ds = engine::lint_account(seed.b.account(), options, account_options);
  REQUIRE(testing::has_code(ds, "PL014"));
  CHECK(only(ds, "PL014")[0].file == "account.json");
  CHECK(contains(only(ds, "PL014")[0].message, "more than 1 candidate (caller, role) pairs"));
  const account::Graph graph(seed.b.account(), 5, 1);
  CHECK(graph.truncated());
  CHECK_FALSE(account::Graph(seed.b.account()).truncated());
}

TEST_CASE("cross-policy: findings are deterministic") {
  Seed seed(user_policy(), trust_json("111122223333"));
  seed.b.user("mallory", {seed.b.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"))});
  output::Report first;
  first.diagnostics = lint(seed.b);
  output::Report second;
  second.diagnostics = lint(seed.b);
  CHECK(output::write_json(first) == output::write_json(second));
}

TEST_CASE("cross-policy: a trust that checks the address but not MFA (PL901, no MFA only)") {
  Seed seed(user_policy(), trust_json("arn:aws:iam::111122223333:user/test-user",
                                      R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  const auto ds = lint(seed.b);
  const auto pl901 = only(ds, "PL901");
  REQUIRE(pl901.size() == 1);
  CHECK(contains(pl901[0].message, "without MFA"));
  CHECK(pl901[0].file == "trust-AssumedAdministratorAccessRole.json");
  CHECK(pl901[0].counterexample->request.action == "sts:AssumeRole");
  CHECK(pl901[0].counterexample->request.context_values("aws:multifactorauthpresent") == nullptr);
  CHECK(only(ds, "PL903").empty());
}

TEST_CASE("cross-policy: a user who reaches several privileged roles gets one PL901 per role, not one per user") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  b.user("ops", {b.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"))});
  const std::string ops = b.arn("user/ops");
  const std::string mfa_only = R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})";
  for (const char* name : {"AdminA", "AdminB", "AdminC"}) {
    b.role(name, trust_json(ops, mfa_only), {admin});
  }
  // A privileged role reached only through AdminA is closed with AdminA's finding.
  b.role("AdminBehindA", trust_json(b.arn("role/AdminA")), {admin});
  // A role with nothing privileged is no target.
  b.role("Reader", trust_json(ops, mfa_only), {b.policy("ReadS3", allow_json("s3:GetObject", "*"))});
  const auto pl901 = only(lint(b), "PL901");
  std::vector<std::string> files;
  for (const auto& d : pl901) {
    CHECK(contains(d.message, "user/ops"));
    CHECK(contains(d.message, "from 198.51.100.23")); // MFA is required; the address is not
    files.push_back(d.file);
  }
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"trust-AdminA.json", "trust-AdminB.json", "trust-AdminC.json"});
}

TEST_CASE("cross-policy: a role that may pass exactly the administrator role to EC2 is privileged (PL901)") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  b.user("dev", {b.policy("AssumeDeployer", allow_json("sts:AssumeRole", "*"))});
  const std::string admin_arn = b.arn("role/InstanceAdmin");
  b.role("InstanceAdmin", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})", {admin});
  const auto pass = b.policy("PassInstanceAdmin", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": ")" + admin_arn + R"("},
    {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]})");
  b.role("Deployer", trust_json(b.arn("user/dev")), {pass});
  // The same shape passing a role with nothing privileged is no escalation.
  b.role("Harmless", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})",
         {b.policy("ReadS3", allow_json("s3:GetObject", "*"))});
  const auto pass_harmless = b.policy("PassHarmless", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": ")" + b.arn("role/Harmless") + R"("},
    {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"}]})");
  b.role("Launcher", trust_json(b.arn("user/dev")), {pass_harmless});
  const auto pl901 = only(lint(b), "PL901");
  REQUIRE(!pl901.empty());
  for (const auto& d : pl901) {
    CHECK(d.file == "trust-Deployer.json");
    CHECK(contains(d.message, "iam:PassRole"));
  }
}

TEST_CASE("cross-policy: a guarded user that keeps permissions of its own (PL904)") {
  Seed seed;
  const auto extra = seed.b.policy("ReadOnlyS3", allow_json("s3:Get*", "*"));
  seed.b.attach("test-user", extra);
  const auto ds = lint(seed.b);
  const auto pl904 = only(ds, "PL904");
  REQUIRE(pl904.size() == 1);
  CHECK(pl904[0].file == "ReadOnlyS3.json");
  CHECK(contains(pl904[0].message, "s3:GetObject"));
  CHECK(joined_path(pl904[0]) == "user/test-user → s3:GetObject → allowed");
  // Self-service MFA permissions are what the pattern leaves the user: silent.
  Seed mfa;
  const auto self = mfa.b.policy("ManageOwnMFA", allow_json("iam:*MFADevice", "arn:aws:iam::111122223333:mfa/test-user"));
  mfa.b.attach("test-user", self);
  CHECK(only(lint(mfa.b), "PL904").empty());
}

TEST_CASE("cross-policy: the privileged role re-introduces a raw SourceIp Deny (PL905)") {
  Seed seed;
  const auto deny = seed.b.policy("RoleSourceIPRestriction", ip_deny());
  seed.b.attach("AssumedAdministratorAccessRole", deny);
  const auto ds = lint(seed.b);
  const auto pl905 = only(ds, "PL905");
  REQUIRE(pl905.size() == 1);
  CHECK(pl905[0].file == "RoleSourceIPRestriction.json");
  CHECK(contains(pl905[0].message, "assumed by user/test-user"));
  CHECK(pl905[0].counterexample->request.principal.starts_with("arn:aws:sts::111122223333:assumed-role/"));
  // With the exemption, service calls pass: silent.
  Seed exempt;
  const auto ok = exempt.b.policy("RoleSourceIPRestriction", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
    "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"},
    "Bool": {"aws:ViaAWSService": "false"}}}]})");
  exempt.b.attach("AssumedAdministratorAccessRole", ok);
  CHECK(only(lint(exempt.b), "PL905").empty());
}

TEST_CASE("cross-policy: allow-lists that disagree, as CIDR sets (PL902)") {
  Seed seed(user_policy(R"(["203.0.113.0/24", "2001:db8::/32"])"),
            trust_json("arn:aws:iam::111122223333:user/test-user",
                       R"({"IpAddress": {"aws:SourceIp": ["203.0.113.0/25", "203.0.113.128/25", "2001:db8::/33"]},
                           "Bool": {"aws:MultiFactorAuthPresent": "true"}})"));
  const auto ds = only(lint(seed.b), "PL902");
  REQUIRE(ds.size() == 1);
  CHECK(contains(ds[0].message, "only the user's allows 2001:db8:8000::/33; only the trust's allows (none)"));
  // The same sets written differently: silent.
  Seed same(user_policy(R"(["203.0.113.0/24"])"),
            trust_json("arn:aws:iam::111122223333:user/test-user",
                       R"({"IpAddress": {"aws:SourceIp": ["203.0.113.0/25", "203.0.113.128/25"]},
                           "Bool": {"aws:MultiFactorAuthPresent": "true"}})"));
  CHECK(only(lint(same.b), "PL902").empty());
  // An organisation allow-list narrower than the trust's.
  const auto org = only(lint(same.b, {"cross-policy"}, {"203.0.113.0/25"}), "PL902");
  REQUIRE(org.size() == 1);
  CHECK(contains(org[0].message, "the trust admits 203.0.113.128/25 outside the organisation allow-list"));
}

TEST_CASE("cross-policy: a permissions boundary that blocks sts:AssumeRole keeps PL901 silent") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  const auto assume = b.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"));
  const auto boundary = b.policy("NoSts", allow_json("s3:*", "*"));
  b.user("bounded", {assume}).permissions_boundary = boundary;
  b.role("Admin", trust_json("111122223333"), {admin});
  const auto ds = lint(b);
  CHECK(only(ds, "PL901").empty());
  CHECK(only(ds, "PL903").size() == 1); // the trust itself is still too broad
}

TEST_CASE("cross-policy: role chaining, MFA through sessions, and cycles") {
  AccountBuilder b;
  const auto admin = b.policy("AdministratorAccess", k_admin);
  const auto assume = b.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"));
  b.user("bob", {assume});
  // Jump checks the address only; Admin trusts Jump's sessions with MFA required.
  b.role("Jump", trust_json(b.arn("user/bob"), R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"), {assume});
  b.role("Admin", trust_json(b.arn("role/Jump"), R"({"Bool": {"aws:MultiFactorAuthPresent": "true"}})"), {admin});
  // A session obtained without MFA says MultiFactorAuthPresent=false: Admin stays out of reach.
  CHECK(only(lint(b), "PL901").empty());

  AccountBuilder open;
  const auto admin2 = open.policy("AdministratorAccess", k_admin);
  const auto assume2 = open.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"));
  open.user("bob", {assume2});
  open.role("Jump", trust_json(open.arn("user/bob"), k_guard), {assume2});
  // Admin trusts Jump and itself: a cycle.
  const std::string cyclic = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": [")" +
                             open.arn("role/Jump") + R"(", ")" + open.arn("role/Admin") + R"("]}, "Action": "sts:AssumeRole"}]})";
  open.role("Admin", cyclic, {admin2});
  // Guarded first hop: silent, even though the second hop has no condition.
  CHECK(only(lint(open), "PL901").empty());
  // Without the guard on the first hop the path is two hops long, anchored on Jump's trust.
  AccountBuilder loose;
  const auto admin3 = loose.policy("AdministratorAccess", k_admin);
  const auto assume3 = loose.policy("AssumeAnything", allow_json("sts:AssumeRole", "*"));
  loose.user("bob", {assume3});
  loose.role("Jump", trust_json(loose.arn("user/bob")), {assume3});
  loose.role("Admin", cyclic, {admin3});
  const auto pl901 = only(lint(loose), "PL901");
  REQUIRE(pl901.size() == 2);
  CHECK(pl901[0].file == "trust-Jump.json");
  CHECK(joined_path(pl901[0]).find("→ sts:AssumeRole role/Jump → sts:AssumeRole role/Admin → iam:CreateAccessKey") !=
        std::string::npos);
}

TEST_CASE("cross-policy: the path reaches every output format") {
  Seed seed(user_policy(), trust_json("111122223333"));
  output::Report report;
  report.diagnostics = lint(seed.b);
  REQUIRE_FALSE(report.diagnostics.empty());
  CHECK(contains(output::write_text(report, {}), "path: user/test-user from 203.0.113.0, no MFA → sts:AssumeRole"));
  CHECK(contains(output::write_json(report), "\"path\": [\"user/test-user from 203.0.113.0, no MFA\""));
  CHECK(contains(output::write_sarif(report), "\"path\": [\"user/test-user from 203.0.113.0, no MFA\""));
}
