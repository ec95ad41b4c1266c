// The cross-policy rules on the repository's seed samples, read by the real front ends
// (authorization-details snapshot, CloudFormation YAML, Terraform plan), as `check` reads them.
#include "support/lint_text.hpp"

#include <policylint/engine/account_runner.hpp>

#include <doctest/doctest.h>

using namespace policylint;

namespace {

struct Linted {
  std::vector<engine::Diagnostic> findings;
  std::size_t principals = 0;
};

Linted lint_sample(const std::string& relative) {
  auto file = read_source_file(std::string(POLICYLINT_SOURCE_DIR) + "/" + relative, relative, 0);
  REQUIRE(file);
  engine::LintOptions options;
  options.selection.select = {"cross-policy"};
  account::Account account;
  (void)engine::lint_source(*file, options, &account);
  engine::AccountLintOptions account_options;
  account_options.sources = {&*file};
  return Linted{engine::lint_account(account, options, account_options), account.principals.size()};
}

std::string path_of(const engine::Diagnostic& d) {
  REQUIRE(d.counterexample);
  std::string out;
  for (const auto& step : d.counterexample->path) {
    out += out.empty() ? step : " → " + step;
  }
  return out;
}

} // namespace

TEST_CASE("cross-policy samples: the naive admin user, as a snapshot and as a template (PL907)") {
  for (const char* sample : {"sample-policies/auth-details/admin-user-naive.json",
                             "sample-policies/cloudformation/admin-user-naive.yaml"}) {
    CAPTURE(sample);
    const auto linted = lint_sample(sample);
    REQUIRE(linted.principals >= 1);
    REQUIRE(linted.findings.size() == 1);
    CHECK(linted.findings[0].rule->code == "PL907");
    CHECK(linted.findings[0].file == sample);
    CHECK(linted.findings[0].location.start.line > 1);
    CHECK(testing::contains(linted.findings[0].message, "user/test-user"));
  }
}

TEST_CASE("cross-policy samples: the recommended template is silent") {
  const auto linted = lint_sample("sample-policies/cloudformation/admin-role-recommended.yaml");
  CHECK(linted.principals >= 2);
  CHECK(linted.findings.empty());
}

TEST_CASE("cross-policy samples: a Terraform plan whose role trust lacks MFA (PL901)") {
  const auto linted = lint_sample("sample-policies/terraform/admin-role-without-mfa.plan.json");
  REQUIRE(linted.findings.size() == 1);
  const auto& d = linted.findings[0];
  CHECK(d.rule->code == "PL901");
  CHECK(d.location.start.line == 43); // the trust's principal, inside the plan's JSON string
  CHECK(path_of(d) == "user/test-user from 203.0.113.0, no MFA → sts:AssumeRole role/AssumedAdministratorAccessRole → "
                      "iam:CreateAccessKey via \"*\" (AdministratorAccess, statement #1)");
}
