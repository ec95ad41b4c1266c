// End to end: --policy-type, --scp and --rcp on check and simulate (docs/policy-types.md,
// docs/evaluator.md "Organisation policies").
#include "cli/process.hpp"

#include <doctest/doctest.h>

using namespace policylint::testing::cli;

namespace {

constexpr const char* k_admin = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "AdministratorAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}
  ]
}
)";

// The seed's IP guard at the top of the organisation, with the service exemption.
constexpr const char* k_ip_scp = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyOutsideOffice",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]},
        "Bool": {"aws:ViaAWSService": "false"}
      }
    }
  ]
}
)";

} // namespace

TEST_CASE("cli: check --scp, an SCP that restricts the source address answers PL101") {
  TempDir dir;
  dir.write("admin.json", k_admin);
  dir.write("org-ip.json", k_ip_scp);
  const auto without = run({"--select", "PL101", "admin.json"}, at(dir.path()));
  INFO(describe(without));
  CHECK(without.exit_code == 1);
  CHECK(contains(without.out, "[PL101 action-star-without-source-ip-deny]"));
  const auto with = run({"--select", "PL101", "--scp", "org-ip.json", "admin.json"}, at(dir.path()));
  INFO(describe(with));
  CHECK(with.exit_code == 0);
  CHECK_FALSE(contains(with.out, "PL101"));
  const auto missing = run({"--scp", "absent.json", "admin.json"}, at(dir.path()));
  CHECK(missing.exit_code == 2);
  CHECK(contains(missing.err, "absent.json"));
}

TEST_CASE("cli: check --policy-type scp applies the SCP rules") {
  TempDir dir;
  dir.write("scp.json", R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "NoRoles", "Effect": "Deny", "Action": "iam:*Role", "Resource": "*"}]}
)");
  const auto plain = run({"--select", "PL026", "scp.json"}, at(dir.path()));
  INFO(describe(plain));
  CHECK(plain.exit_code == 0);
  const auto typed = run({"--select", "PL026", "--policy-type", "scp", "scp.json"}, at(dir.path()));
  INFO(describe(typed));
  CHECK(typed.exit_code == 1);
  CHECK(contains(typed.out, "scp.json:2:50: error:"));
  CHECK(run({"--policy-type", "organisation", "scp.json"}, at(dir.path())).exit_code == 2);
}

TEST_CASE("cli: simulate --scp, the SCP's Deny and the FullAWSAccess assumption") {
  TempDir dir;
  dir.write("admin.json", k_admin);
  dir.write("org-ip.json", k_ip_scp);
  const auto outside = run({"simulate", "-a", "iam:CreateUser", "-c", "aws:SourceIp=198.51.100.7", "-c",
                            "aws:ViaAWSService=false", "--scp", "org-ip.json", "admin.json"},
                           at(dir.path()));
  INFO(describe(outside));
  CHECK(outside.exit_code == 1);
  CHECK(outside.out.starts_with("explicit-deny\n  org-ip.json:4:5: statement DenyOutsideOffice (Deny)\n"));
  const auto inside = run({"simulate", "-a", "iam:CreateUser", "-c", "aws:SourceIp=192.0.2.8", "-c",
                           "aws:ViaAWSService=false", "--scp", "org-ip.json", "admin.json"},
                          at(dir.path()));
  INFO(describe(inside));
  CHECK(inside.exit_code == 0);
  CHECK(inside.out.starts_with("allowed\n  admin.json:4:5: statement AdministratorAccess (Allow)\n"));
  CHECK(contains(inside.out, "assumes AWS's FullAWSAccess SCP is attached beside the SCPs given"));
}

TEST_CASE("cli: Terraform aws_organizations_policy and aws_s3_bucket_policy give their documents a type") {
  TempDir dir;
  dir.write("main.tf", R"TF(resource "aws_organizations_policy" "guard" {
  name = "guard"
  type = "SERVICE_CONTROL_POLICY"
  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "NoRoles"
      Effect   = "Deny"
      Action   = ["iam:*Role"]
      Resource = "*"
    }]
  })
}

resource "aws_organizations_policy" "tags" {
  name    = "tags"
  type    = "TAG_POLICY"
  content = jsonencode({ tags = {} })
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "example"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = ["s3:GetObject", "kms:Decrypt"]
      Resource  = "arn:aws:s3:::example/*"
    }]
  })
}
)TF");
  const auto r = run({"--select", "PL026,PL027,PL028", "main.tf"}, at(dir.path()));
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "main.tf:9:19: error: \"iam:*Role\" in statement NoRoles"));
  CHECK(contains(r.out, "main.tf:28:36: error: \"kms:Decrypt\" in statement #1 is not an action of s3"));
  CHECK(contains(r.out, "[PL026 scp-syntax-invalid]"));
  CHECK(contains(r.out, "[PL028 resource-policy-names-other-service]"));
}

TEST_CASE("cli: a cross-policy finding is answered by an SCP that restricts the source address") {
  TempDir dir;
  dir.write("admin.plan.json", read_file(source_dir() / "sample-policies/terraform/admin-role-without-mfa.plan.json"));
  dir.write("org-ip.json", k_ip_scp);
  const auto without = run({"--select", "PL901", "admin.plan.json"}, at(dir.path()));
  INFO(describe(without));
  CHECK(without.exit_code == 1);
  CHECK(contains(without.out, "[PL901 privilege-reachable-outside-guard]"));
  const auto with = run({"--select", "PL901", "--scp", "org-ip.json", "admin.plan.json"}, at(dir.path()));
  INFO(describe(with));
  CHECK(with.exit_code == 0);
}
