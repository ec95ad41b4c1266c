// Custom checks decide with the evaluator: they fire on realistic violating policies with a
// counterexample the evaluator allows, on the responsible statement's token, and stay silent
// on compliant ones (including compliance through Deny statements).
#include "support/custom_checks.hpp"
#include "support/lint_text.hpp"

#include <policylint/eval/cidr.hpp>

#include <doctest/doctest.h>

namespace {

using namespace policylint;
using namespace policylint::testing;

const std::string k_admin_check = one_check(
    R"({"actions": ["iam:*", "s3:DeleteBucket"], "when": {"source_ip_outside": ["203.0.113.0/24"], "mfa": "absent"}})",
    R"({"kind": "identity"})");

const std::string k_cross_account_check =
    one_check(R"({"actions": ["*"], "principal": {"outside_accounts": ["123456789012"]}})", R"({"kind": "resource"})");

const std::string k_public_check = one_check(R"({"actions": ["*"], "principal": "anonymous"})");

std::string context_value(const engine::Diagnostic& d, const std::string& key) {
  const auto* v = d.counterexample->request.context_values(key);
  return v == nullptr || v->empty() ? std::string("<absent>") : v->front();
}

bool ip_in(const std::string& address, const std::string& range) {
  const auto a = eval::parse_ip_address(address);
  const auto r = eval::try_parse_cidr(range);
  return a && r && eval::cidr_contains(*r, *a);
}

} // namespace

TEST_SUITE("custom checks: query") {

TEST_CASE("administrator policy: fires from outside the office range, on the Action token") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}
  ]
})";
  const auto checks = checks_or_fail(k_admin_check);
  const auto ds = lint_custom(checks, policy);
  REQUIRE(ds.size() == 1);
  const auto& d = ds.front();
  CHECK(d.rule->code == "ORG1");
  CHECK(d.statement == "Admin");
  CHECK(d.location.start == position_of(policy, R"("*", "Resource")"));
  CHECK(d.range.end - d.range.begin == 3); // exactly the "*" token
  require_confirmed(d, policy);
  const auto& request = d.counterexample->request;
  CHECK(request.action == "s3:DeleteBucket"); // the check's own literal action is shown first
  const std::string address = context_value(d, "aws:sourceip");
  CHECK_FALSE(ip_in(address, "203.0.113.0/24"));
  CHECK(contains(d.message, "allows " + request.action));
  CHECK(contains(d.message, "outside 203.0.113.0/24"));
}

TEST_CASE("office range and MFA conditions on the Allow: silent") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AdminFromOffice", "Effect": "Allow", "Action": ["iam:*", "s3:DeleteBucket"], "Resource": "*",
    "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/25"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}
  }, {
    "Sid": "ReadData", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"
  }]
})";
  CHECK(lint_custom(checks_or_fail(k_admin_check), policy).empty());
}

TEST_CASE("compliance through Deny statements: silent, a Deny that misses one action: fires on that one") {
  const std::string guarded = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Sid": "OfficeOnly", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "Bool": {"aws:ViaAWSService": "false"}}},
    {"Sid": "MfaOnly", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
  ]
})";
  const auto checks = checks_or_fail(k_admin_check);
  CHECK(lint_custom(checks, guarded).empty());

  const std::string leaky = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Sid": "OfficeOnly", "Effect": "Deny", "Action": "iam:*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    {"Sid": "MfaOnly", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
  ]
})";
  const auto ds = lint_custom(checks, leaky);
  REQUIRE(ds.size() == 1);
  require_confirmed(ds.front(), leaky);
  CHECK(ds.front().counterexample->request.action == "s3:DeleteBucket");
  CHECK(context_value(ds.front(), "aws:multifactorauthpresent") == "true");
}

TEST_CASE("an allow-list wider than the trusted range: the counterexample comes from the extra range") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AdminFromOffices", "Effect": "Allow", "Action": "iam:*", "Resource": "*",
    "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "192.0.2.0/24"]},
                  "Bool": {"aws:MultiFactorAuthPresent": "true"}}
  }]
})";
  const auto ds = lint_custom(checks_or_fail(k_admin_check), policy);
  REQUIRE(ds.size() == 1);
  require_confirmed(ds.front(), policy);
  CHECK(ip_in(context_value(ds.front(), "aws:sourceip"), "192.0.2.0/24"));
}

TEST_CASE("a supernet of the trusted range: found just beside it") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AdminFromCampus", "Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*",
    "Condition": {"IpAddress": {"aws:SourceIp": "203.0.112.0/22"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}
  }]
})";
  const auto ds = lint_custom(checks_or_fail(k_admin_check), policy);
  REQUIRE(ds.size() == 1);
  require_confirmed(ds.front(), policy);
  const std::string address = context_value(ds.front(), "aws:sourceip");
  CHECK(ip_in(address, "203.0.112.0/22"));
  CHECK_FALSE(ip_in(address, "203.0.113.0/24"));
  CHECK(ds.front().counterexample->request.action == "iam:CreateUser");
}

TEST_CASE("MFA constraint: long-term keys get through an Allow that only tests MFA with IfExists") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "Admin", "Effect": "Allow", "Action": "iam:*", "Resource": "*",
    "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                  "BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}
  }]
})";
  const auto ds = lint_custom(checks_or_fail(k_admin_check), policy);
  REQUIRE(ds.size() == 1);
  require_confirmed(ds.front(), policy);
  CHECK(context_value(ds.front(), "aws:multifactorauthpresent") == "<absent>");
  CHECK(contains(ds.front().message, "without MFA"));
}

TEST_CASE("when_mode all: only a request meeting every constraint at once counts") {
  const std::string office_only = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "Admin", "Effect": "Allow", "Action": "iam:*", "Resource": "*",
    "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
  }]
})";
  const auto any = checks_or_fail(k_admin_check);
  CHECK(lint_custom(any, office_only).size() == 1); // without MFA from the office
  const auto all = checks_or_fail(one_check(
      R"({"actions": ["iam:*"], "when": {"source_ip_outside": ["203.0.113.0/24"], "mfa": "absent"}, "when_mode": "all"})"));
  CHECK(lint_custom(all, office_only).empty());
  const std::string open = R"({"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}]})";
  const auto ds = lint_custom(all, open);
  REQUIRE(ds.size() == 1);
  CHECK_FALSE(ip_in(context_value(ds.front(), "aws:sourceip"), "203.0.113.0/24"));
  CHECK(context_value(ds.front(), "aws:multifactorauthpresent") == "<absent>");
}

TEST_CASE("action groups: a Deny on one action leaves its siblings as the counterexample") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadIam", "Effect": "Allow", "Action": "iam:Get*", "Resource": "*"},
    {"Sid": "NoUsers", "Effect": "Deny", "Action": "iam:GetUser", "Resource": "*"}
  ]
})";
  const auto checks = checks_or_fail(one_check(R"({"actions": ["iam:*"]})"));
  const auto ds = lint_custom(checks, policy);
  REQUIRE(ds.size() == 1);
  require_confirmed(ds.front(), policy);
  CHECK(ds.front().counterexample->request.action.starts_with("iam:Get"));
  CHECK(ds.front().counterexample->request.action != "iam:GetUser");
  CHECK(contains(ds.front().counterexample->note, "of the check's actions are allowed alike"));
}

TEST_CASE("NotAction: reported on the NotAction key when it lets a checked action through") {
  const std::string leaks = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "AllButS3", "Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]
})";
  const std::string closed = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "AllButIam", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]
})";
  const auto checks = checks_or_fail(one_check(R"({"actions": ["iam:*"]})"));
  const auto ds = lint_custom(checks, leaks);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().location.start == position_of(leaks, R"("NotAction")"));
  // Among the many IAM actions, a permissions-management one is shown.
  const auto action = catalog::embedded_catalog().find_action(ds.front().counterexample->request.action);
  REQUIRE(action.has_value());
  CHECK(action->access_level() == catalog::AccessLevel::permissions_management);
  CHECK(lint_custom(checks, closed).empty());
}

TEST_CASE("resources: only the checked resources count") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "DeleteScratch", "Effect": "Allow", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::scratch-*"}]
})";
  const auto prod = checks_or_fail(one_check(R"({"actions": ["s3:DeleteBucket"], "resources": ["arn:aws:s3:::prod-*"]})"));
  CHECK(lint_custom(prod, policy).empty());
  const auto scratch = checks_or_fail(one_check(R"({"actions": ["s3:DeleteBucket"], "resources": ["arn:aws:s3:::scratch-*"]})"));
  const auto ds = lint_custom(scratch, policy);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().counterexample->request.resource.starts_with("arn:aws:s3:::scratch-"));
}

TEST_CASE("resources: a resource only the two patterns together describe") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "DeleteData", "Effect": "Allow", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::*-data"}]
})";
  const auto ds = lint_custom(checks_or_fail(one_check(R"({"actions": ["s3:DeleteBucket"], "resources": ["arn:aws:s3:::prod-*"]})")), policy);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().counterexample->request.resource == "arn:aws:s3:::prod-data");
  require_confirmed(ds.front(), policy);
}

TEST_CASE("resources: a bucket that escapes every Deny is found, though no simple instance does") {
  // The quick search tries the patterns' simplest instances (prod-, prod-x): both are denied.
  // The exact pass (query::Engine) still finds a bucket the check covers and the Deny misses.
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "DeleteAny", "Effect": "Allow", "Action": "s3:DeleteBucket", "Resource": "*"},
    {"Sid": "KeepTwo", "Effect": "Deny", "Action": "s3:DeleteBucket",
     "Resource": ["arn:aws:s3:::prod-", "arn:aws:s3:::prod-x"]}
  ]
})";
  const auto checks = checks_or_fail(one_check(R"({"actions": ["s3:DeleteBucket"], "resources": ["arn:aws:s3:::prod-*"]})"));
  const auto ds = lint_custom(checks, policy);
  REQUIRE(ds.size() == 1);
  const std::string& resource = ds.front().counterexample->request.resource;
  CHECK(resource.starts_with("arn:aws:s3:::prod-"));
  CHECK(resource != "arn:aws:s3:::prod-");
  CHECK(resource != "arn:aws:s3:::prod-x");
  require_confirmed(ds.front(), policy);
  // Denying the whole prefix leaves nothing to find.
  std::string closed = policy;
  closed.replace(closed.find(R"(["arn:aws:s3:::prod-", "arn:aws:s3:::prod-x"])"),
                 std::string_view(R"(["arn:aws:s3:::prod-", "arn:aws:s3:::prod-x"])").size(), R"("arn:aws:s3:::prod-*")");
  CHECK(lint_custom(checks, closed).empty());
}

TEST_CASE("cross-account: a partner role fires on its principal token, own-account access is silent") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "OwnAccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
     "Action": "s3:*", "Resource": ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]},
    {"Sid": "PartnerRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:role/partner-reader"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*"}
  ]
})";
  const auto checks = checks_or_fail(k_cross_account_check);
  const auto ds = lint_custom(checks, policy, policy::PolicyKind::resource);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().statement == "PartnerRead");
  CHECK(ds.front().location.start == position_of(policy, R"("arn:aws:iam::999988887777:role/partner-reader")"));
  CHECK(ds.front().counterexample->request.principal == "arn:aws:iam::999988887777:role/partner-reader");
  require_confirmed(ds.front(), policy, policy::PolicyKind::resource);
}

TEST_CASE("cross-account: Principal * narrowed by aws:PrincipalAccount or aws:PrincipalOrgID") {
  const std::string by_account = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Own", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
    "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}}]
})";
  const auto checks = checks_or_fail(k_cross_account_check);
  CHECK(lint_custom(checks, by_account, policy::PolicyKind::resource).empty());

  const std::string other_account = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Partner", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
    "Condition": {"StringEquals": {"aws:PrincipalAccount": "210987654321"}}}]
})";
  const auto partner = lint_custom(checks, other_account, policy::PolicyKind::resource);
  REQUIRE(partner.size() == 1);
  CHECK(context_value(partner.front(), "aws:principalaccount") == "210987654321");
  require_confirmed(partner.front(), other_account, policy::PolicyKind::resource);

  const std::string by_org = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]
})";
  // Other accounts of the organisation are outside account 123456789012…
  const auto ds = lint_custom(checks, by_org, policy::PolicyKind::resource);
  REQUIRE(ds.size() == 1);
  CHECK(context_value(ds.front(), "aws:principalorgid") == "o-a1b2c3d4e5");
  // …unless the check trusts the organisation too.
  const auto org_trusted = checks_or_fail(one_check(
      R"({"actions": ["*"], "principal": {"outside_accounts": ["123456789012"], "outside_organizations": ["o-a1b2c3d4e5"]}})"));
  CHECK(lint_custom(org_trusted, by_org, policy::PolicyKind::resource).empty());
}

TEST_CASE("public: Principal * fires, VPC endpoint or organisation conditions keep anonymous callers out") {
  const auto checks = checks_or_fail(k_public_check);
  const std::string open = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::example-site/*"}]
})";
  const auto ds = lint_custom(checks, open);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().counterexample->request.principal == "*");
  CHECK(ds.front().location.start == position_of(open, R"("*", "Action")"));
  require_confirmed(ds.front(), open);
  for (const char* condition : {R"({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}})",
                                R"({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})",
                                R"({"StringEquals": {"aws:PrincipalAccount": "123456789012"}})"}) {
    CAPTURE(condition);
    const std::string closed = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Read", "Effect": "Allow",
      "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-site/*", "Condition": )" +
                               std::string(condition) + "}]}";
    CHECK(lint_custom(checks, closed).empty());
  }
}

TEST_CASE("public: an anonymous caller has no principal tags, MFA or federation keys") {
  // Only a signed-in caller can carry aws:PrincipalTag/team, so a bucket folder per team is not
  // open to anonymous callers; a folder per source address is.
  const auto checks = checks_or_fail(k_public_check);
  const std::string per_team = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "TeamFolders", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::example-teams/${aws:PrincipalTag/team}/*"}]
})";
  CHECK(lint_custom(checks, per_team).empty());
  const std::string with_mfa = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "MfaRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::example-site/*",
                 "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]
})";
  CHECK(lint_custom(checks, with_mfa).empty());
  const std::string per_address = R"({
  "Version": "2012-10-17",
  "Statement": [{"Sid": "AddressFolders", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::example-site/${aws:SourceIp}/*"}]
})";
  const auto ds = lint_custom(checks, per_address);
  REQUIRE(ds.size() == 1);
  require_confirmed(ds.front(), per_address);
  CHECK(ds.front().counterexample->request.principal == "*");
}

TEST_CASE("public: an open role trust policy fires, an account-scoped one is silent") {
  const auto checks = checks_or_fail(k_public_check);
  const std::string open = R"({"Version": "2012-10-17", "Statement": [{"Sid": "AnyoneAssumes", "Effect": "Allow",
    "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})";
  const auto ds = lint_custom(checks, open, policy::PolicyKind::trust);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().counterexample->request.action == "sts:AssumeRole");
  const std::string scoped = R"({"Version": "2012-10-17", "Statement": [{"Sid": "OwnAccount", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})";
  CHECK(lint_custom(checks, scoped, policy::PolicyKind::trust).empty());
}

TEST_CASE("a principal class skips identity policies, kind and path filters") {
  const std::string admin = R"({"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  CHECK(lint_custom(checks_or_fail(k_public_check), admin).empty());
  CHECK(lint_custom(checks_or_fail(k_admin_check), admin, policy::PolicyKind::resource).empty());
  const auto prod_only = checks_or_fail(one_check(R"({"actions": ["iam:*"]})", R"({"paths": ["prod/*.json"]})"));
  CHECK(lint_custom(prod_only, admin, std::nullopt, "dev/admin.json").empty());
  CHECK(lint_custom(prod_only, admin, std::nullopt, "prod/admin.json").size() == 1);
  CHECK(lint_custom(prod_only, admin, std::nullopt, "accounts/prod/admin.json").size() == 1);
}

TEST_CASE("fixed context: a bucket that denies insecure transport passes a transport check") {
  const auto checks = checks_or_fail(
      one_check(R"({"actions": ["s3:GetObject"], "context": {"aws:SecureTransport": "false"}})"));
  const std::string guarded = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::example-data/*"},
    {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::example-data/*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
})";
  CHECK(lint_custom(checks, guarded).empty());
  const std::string unguarded = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::example-data/*"}
  ]
})";
  const auto ds = lint_custom(checks, unguarded);
  REQUIRE(ds.size() == 1);
  CHECK(context_value(ds.front(), "aws:securetransport") == "false");
}

TEST_CASE("one finding per responsible statement, in statement order") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "One", "Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"},
    {"Sid": "Two", "Effect": "Allow", "Action": ["s3:GetObject", "iam:DeleteUser"], "Resource": "*"},
    {"Sid": "Three", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}
  ]
})";
  const auto ds = lint_custom(checks_or_fail(one_check(R"({"actions": ["iam:*"]})")), policy);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].statement == "One");
  CHECK(ds[1].statement == "Two");
  CHECK(ds[1].counterexample->request.action == "iam:DeleteUser");
  CHECK(ds[1].location.start == position_of(policy, R"("iam:DeleteUser")"));
}

TEST_CASE("message template placeholders are filled from the finding") {
  const auto checks = checks_or_fail(one_check(R"({"actions": ["iam:*"]})", {},
                                               R"("message": "{code}/{name}: {statement} lets {principal} do {action} on {resource} in a {kind} policy {{!}}")"));
  const std::string policy = R"({"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]})";
  const auto ds = lint_custom(checks, policy);
  REQUIRE(ds.size() == 1);
  CHECK(ds.front().message ==
        "ORG1/org-check: A lets the principal holding the policy do iam:PassRole on * in a identity policy {!}");
}

TEST_CASE("outside accounts on a trust policy: another account's root fires, a federated provider of ours does not") {
  const auto checks = checks_or_fail(
      one_check(R"({"actions": ["sts:AssumeRole*"], "principal": {"outside_accounts": ["123456789012"]}})", R"({"kind": "trust"})"));
  const std::string other = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Vendor", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"sts:ExternalId": "vendor-7"}}}]})";
  const auto ds = lint_custom(checks, other, policy::PolicyKind::trust);
  REQUIRE(ds.size() == 1);
  CHECK(context_value(ds.front(), "aws:principalaccount") == "999988887777");
  CHECK(context_value(ds.front(), "sts:externalid") == "vendor-7"); // the external id does not keep the vendor out
  require_confirmed(ds.front(), other, policy::PolicyKind::trust);
  const std::string saml = R"({"Version": "2012-10-17", "Statement": [{"Sid": "Sso", "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/corp"}, "Action": "sts:AssumeRoleWithSAML",
    "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]})";
  CHECK(lint_custom(checks, saml, policy::PolicyKind::trust).empty());
}

TEST_CASE("mfa false and absent-or-false: temporary credentials without MFA") {
  const std::string policy = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "Admin", "Effect": "Allow", "Action": "iam:*", "Resource": "*",
    "Condition": {"Null": {"aws:MultiFactorAuthPresent": "false"}}
  }]
})";
  // Keys present (temporary credentials) but MFA not used: allowed.
  const auto present_false = checks_or_fail(one_check(R"({"actions": ["iam:*"], "when": {"mfa": "false"}})"));
  const auto ds = lint_custom(present_false, policy);
  REQUIRE(ds.size() == 1);
  CHECK(context_value(ds.front(), "aws:multifactorauthpresent") == "false");
  // Long-term keys carry no MFA key at all: the Null condition keeps them out.
  CHECK(lint_custom(checks_or_fail(one_check(R"({"actions": ["iam:*"], "when": {"mfa": "absent"}})")), policy).empty());
  CHECK(lint_custom(checks_or_fail(one_check(R"({"actions": ["iam:*"], "when": {"mfa": "absent-or-false"}})")), policy).size() == 1);
}

} // TEST_SUITE

// Issue 18 item 8: an identity policy alone never opens a KMS key or a role; the finding says
// what the key or trust policy must also allow and what was assumed.
TEST_CASE("custom checks: a KMS key or role counterexample states the resource policy assumption") {
  const auto checks = checks_or_fail(one_check(R"({"actions": ["kms:Decrypt", "sts:AssumeRole"]})"));
  const std::string identity =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "sts:AssumeRole"], "Resource": "*"}]})";
  const auto ds = lint_custom(checks, identity);
  REQUIRE(ds.size() == 1);
  REQUIRE(ds[0].counterexample.has_value());
  const std::string& action = ds[0].counterexample->request.action;
  const std::string& note = ds[0].counterexample->note;
  if (action == "kms:Decrypt") {
    CHECK(contains(note, "the key policy must also allow kms:Decrypt; assumed: the default key policy, which "
                         "delegates to IAM policies"));
  } else {
    CHECK(action == "sts:AssumeRole");
    CHECK(contains(note, "the role's trust policy must also allow sts:AssumeRole; assumed to"));
  }
  // An action an identity policy grants alone carries no such note.
  const auto s3 = checks_or_fail(one_check(R"({"actions": ["s3:GetObject"]})"));
  const auto plain = lint_custom(
      s3, R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  REQUIRE(plain.size() == 1);
  CHECK_FALSE(contains(plain[0].counterexample->note, "must also allow"));
}
