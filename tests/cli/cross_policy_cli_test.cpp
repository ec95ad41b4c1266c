// End to end: `check` collects every input's account and runs the cross-policy rules once over
// it; findings carry the path in every format and follow the anchored file's configuration.
#include "cli/process.hpp"

#include <doctest/doctest.h>

using namespace policylint::testing::cli;

namespace {

std::string plan_text() { return read_file(source_dir() / "sample-policies/terraform/admin-role-without-mfa.plan.json"); }

} // namespace

TEST_CASE("cli: cross-policy findings with their path, in text and JSON") {
  TempDir dir;
  dir.write("admin.plan.json", plan_text());
  const auto text = run({"--select", "PL901", "admin.plan.json"}, at(dir.path()));
  INFO(describe(text));
  CHECK(text.exit_code == 1);
  CHECK(text.out.starts_with("admin.plan.json:43:124: error: user/test-user can reach iam:CreateAccessKey"));
  CHECK(text.out.find("path: user/test-user from 203.0.113.0, no MFA → sts:AssumeRole "
                      "role/AssumedAdministratorAccessRole → iam:CreateAccessKey") != std::string::npos);
  const auto json = run({"--select", "PL901", "--format", "json", "admin.plan.json"}, at(dir.path()));
  INFO(describe(json));
  CHECK(json.out.find("\"path\": [\"user/test-user from 203.0.113.0, no MFA\", \"sts:AssumeRole "
                      "role/AssumedAdministratorAccessRole\"") != std::string::npos);
}

TEST_CASE("cli: per-path-ignores of the anchored file apply to cross-policy findings") {
  TempDir dir;
  dir.write("admin.plan.json", plan_text());
  dir.write(".policylint.yaml", "per-path-ignores:\n  \"*.plan.json\": [PL901]\n");
  const auto r = run({"--select", "cross-policy", "admin.plan.json"}, at(dir.path()));
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
}

TEST_CASE("cli: each file is its own account unless --account-scope run") {
  // The naive user's snapshot and a plan with an admin role of the same account id: two
  // different inputs. A directory run must not let the user of one reach the role of the
  // other, unless asked to.
  TempDir dir;
  dir.write("snapshot.json", read_file(source_dir() / "sample-policies/auth-details/admin-user-naive.json"));
  dir.write("role.plan.json", read_file(source_dir() / "sample-policies/terraform/admin-role-without-mfa.plan.json"));
  const auto apart = run({"--select", "cross-policy", "--format", "json", "."}, at(dir.path()));
  CHECK(apart.out.find("PL907") != std::string::npos); // the snapshot's own mistake
  CHECK(apart.out.find("PL904") == std::string::npos);
  const auto together =
      run({"--select", "cross-policy", "--account-scope", "run", "--format", "json", "."}, at(dir.path()));
  CHECK(together.out.find("PL907") != std::string::npos);
  CHECK(together.out.find("PL904") != std::string::npos); // the user reaches the template's role
}
