// PL103 and PL321 use the organisation from the configuration file: silent without it, and
// with it they decide with the evaluator and report on the exact token.
#include "support/lint_text.hpp"

#include <policylint/config/config.hpp>

#include <doctest/doctest.h>

using namespace policylint;

namespace {

config::Config organisation(std::string_view yaml) {
  auto c = config::parse_config(yaml, config::Syntax::yaml, "test.yaml");
  REQUIRE_MESSAGE(c, c.error().message);
  return std::move(*c);
}

std::vector<engine::Diagnostic> lint_with(const std::string& text, const std::string& code, const config::Config* cfg,
                                          std::optional<policy::PolicyKind> kind = std::nullopt) {
  const SourceFile file("policy.json", text);
  engine::LintOptions options;
  options.selection.select = {code};
  options.forced_kind = kind;
  options.organisation = cfg != nullptr ? &cfg->organisation : nullptr;
  return engine::lint_source(file, options);
}

const std::string k_office_identity = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DeployFromOffice",
      "Effect": "Allow",
      "Action": ["lambda:UpdateFunctionCode", "s3:GetObject"],
      "Resource": "*",
      "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "192.0.2.0/24"]}}
    }
  ]
})";

const std::string k_trust = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::999988887777:role/deployer"]},
      "Action": "sts:AssumeRole",
      "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}
    }
  ]
})";

const std::string k_bucket = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Partners",
      "Effect": "Allow",
      "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:user/reporting"]},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-reports/*"
    },
    {
      "Sid": "OrgOnly",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::777788889999:root"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-reports/*",
      "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}
    }
  ]
})";

} // namespace

TEST_CASE("PL103: silent without an allow-list") {
  CHECK(lint_with(k_office_identity, "PL103", nullptr).empty());
  const auto accounts_only = organisation("organisation: {trusted-accounts: ['111122223333']}");
  CHECK(lint_with(k_office_identity, "PL103", &accounts_only).empty());
}

TEST_CASE("PL103: an identity policy range outside the allow-list, reported on that range") {
  const auto cfg = organisation("organisation: {ip-allowlist: [203.0.113.0/24]}");
  const auto ds = lint_with(k_office_identity, "PL103", &cfg);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(k_office_identity, "\"192.0.2.0/24\""));
  CHECK(testing::contains(ds[0].message, "lambda:UpdateFunctionCode from 192.0.2.1"));
  REQUIRE(ds[0].counterexample);
  CHECK(ds[0].counterexample->request.action == "lambda:UpdateFunctionCode");
  // Both ranges inside the allow-list: nothing.
  const auto wide = organisation("organisation: {ip-allowlist: [203.0.113.0/24, 192.0.2.0/24]}");
  CHECK(lint_with(k_office_identity, "PL103", &wide).empty());
}

TEST_CASE("PL103: read-only access and policies without an address condition are out of scope") {
  const auto cfg = organisation("organisation: {ip-allowlist: [203.0.113.0/24]}");
  const std::string read_only = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "192.0.2.0/24"}}}]})";
  CHECK(lint_with(read_only, "PL103", &cfg).empty());
  const std::string unconditioned = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": "iam:CreateUser", "Resource": "*"}]})";
  CHECK(lint_with(unconditioned, "PL103", &cfg).empty());
}

TEST_CASE("PL103: a Deny that covers only some actions leaves privileged ones open from anywhere") {
  const auto cfg = organisation("organisation: {ip-allowlist: [203.0.113.0/24]}");
  const std::string partial_deny = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})";
  const auto ds = lint_with(partial_deny, "PL103", &cfg);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(partial_deny, "\"iam:*\""));
  CHECK(testing::contains(ds[0].message, "iam:CreateAccessKey from 198.51.100.23"));
  const std::string full_deny = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})";
  CHECK(lint_with(full_deny, "PL103", &cfg).empty());
}

TEST_CASE("PL103: a Deny on the resource tried first does not hide the others") {
  // The quick search tries one instance of the statement's resource (user/x); the exact engine
  // decides over every privileged action and resource, from the partner range outside the
  // allow-list.
  const auto cfg = organisation("organisation: {ip-allowlist: [203.0.113.0/24]}");
  const std::string text = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "KeysFromOffices", "Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/*",
     "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}},
    {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/x"}]})";
  const auto ds = lint_with(text, "PL103", &cfg);
  REQUIRE(ds.size() == 1);
  REQUIRE(ds[0].counterexample);
  const auto& request = ds[0].counterexample->request;
  CHECK(request.action == "iam:CreateAccessKey");
  CHECK(request.resource.starts_with("arn:aws:iam::111122223333:user/"));
  CHECK(request.resource != "arn:aws:iam::111122223333:user/x");
  CHECK(ds[0].location.start == testing::position_of(text, "\"198.51.100.0/24\""));
  std::string closed = text;
  closed.replace(closed.find("user/x"), 6, "user/*");
  CHECK(lint_with(closed, "PL103", &cfg).empty());
}

TEST_CASE("PL103: only privileged actions count, for the exact pass too") {
  const auto cfg = organisation("organisation: {ip-allowlist: [203.0.113.0/24]}");
  const std::string read_from_partner = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]})";
  CHECK(lint_with(read_from_partner, "PL103", &cfg).empty());
  const std::string with_one_write = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*", "s3:PutObject"], "Resource": "*",
     "Condition": {"IpAddress": {"aws:SourceIp": "198.51.100.0/24"}}}]})";
  const auto ds = lint_with(with_one_write, "PL103", &cfg);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].counterexample->request.action == "s3:PutObject");
}

TEST_CASE("PL103: a trust policy that accepts any address") {
  const auto cfg = organisation("organisation: {ip-allowlist: [203.0.113.0/24]}");
  const auto ds = lint_with(k_trust, "PL103", &cfg);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(k_trust, "\"0.0.0.0/0\""));
  REQUIRE(ds[0].counterexample);
  CHECK(ds[0].counterexample->request.action == "sts:AssumeRole");
}

TEST_CASE("PL321: silent without trusted accounts") {
  CHECK(lint_with(k_bucket, "PL321", nullptr).empty());
  CHECK(lint_with(k_trust, "PL321", nullptr).empty());
}

TEST_CASE("PL321: each untrusted principal is reported on its token, and guarded statements are not") {
  const auto cfg = organisation("organisation: {trusted-accounts: ['111122223333']}");
  const auto ds = lint_with(k_bucket, "PL321", &cfg, policy::PolicyKind::resource);
  REQUIRE(ds.size() == 1); // OrgOnly: only account 111122223333 callers get through
  CHECK(ds[0].location.start == testing::position_of(k_bucket, "\"arn:aws:iam::444455556666:user/reporting\""));
  CHECK(testing::contains(ds[0].message, "account 444455556666 is not one of the organisation's trusted accounts"));
  REQUIRE(ds[0].counterexample);
  CHECK(ds[0].counterexample->request.principal == "arn:aws:iam::444455556666:user/reporting");
  CHECK(ds[0].counterexample->request.action == "s3:GetObject");
  CHECK(ds[0].sid == "Partners");
}

TEST_CASE("PL321: trust policies, and trusting the account silences it") {
  const auto cfg = organisation("organisation: {trusted-accounts: ['111122223333']}");
  const auto ds = lint_with(k_trust, "PL321", &cfg);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(k_trust, "\"arn:aws:iam::999988887777:role/deployer\""));
  const auto both = organisation("organisation: {trusted-accounts: ['111122223333', '999988887777']}");
  CHECK(lint_with(k_trust, "PL321", &both).empty());
}

TEST_CASE("PL321: a Deny on the object tried first does not hide the others") {
  // The quick search tries one instance of the statement's resource (reports/x); the exact
  // engine finds an object the partner can still read.
  const std::string text = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PartnerReads",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:user/reporting"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-reports/*"
    },
    {
      "Sid": "NotThatOne",
      "Effect": "Deny",
      "Principal": {"AWS": "arn:aws:iam::444455556666:user/reporting"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-reports/x"
    }
  ]
})";
  const auto cfg = organisation("organisation: {trusted-accounts: ['111122223333']}");
  const auto ds = lint_with(text, "PL321", &cfg, policy::PolicyKind::resource);
  REQUIRE(ds.size() == 1);
  REQUIRE(ds[0].counterexample);
  const auto& request = ds[0].counterexample->request;
  CHECK(request.resource.starts_with("arn:aws:s3:::example-reports/"));
  CHECK(request.resource != "arn:aws:s3:::example-reports/x");
  CHECK(request.action == "s3:GetObject");
  std::string closed = text;
  closed.replace(closed.find("example-reports/x"), 17, "example-reports/*");
  CHECK(lint_with(closed, "PL321", &cfg, policy::PolicyKind::resource).empty());
}
