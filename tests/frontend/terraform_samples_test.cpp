// The seed scenario as Terraform modules (sample-policies/terraform/*/main.tf) gets the same
// findings as its CloudFormation and plan forms, per document and across policies, at the
// lines of the .tf file; the fixed module gets none.
#include "frontend/frontend_support.hpp"

#include <policylint/engine/account_runner.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace policylint;
using namespace policylint::testing;

namespace {

struct Linted {
  std::unique_ptr<SourceFile> file;
  std::vector<engine::Diagnostic> findings; // per document, then cross-policy
  std::size_t principals = 0;
};

Linted lint_sample(const std::string& relative) {
  auto file = read_source_file(std::string(POLICYLINT_SOURCE_DIR) + "/" + relative, relative, 0);
  REQUIRE(file);
  Linted out;
  out.file = std::make_unique<SourceFile>(std::move(*file));
  engine::LintOptions options;
  account::Account account;
  out.findings = engine::lint_source(*out.file, options, &account);
  engine::AccountLintOptions account_options;
  account_options.sources = {out.file.get()};
  auto cross = engine::lint_account(account, options, account_options);
  out.findings.insert(out.findings.end(), cross.begin(), cross.end());
  out.principals = account.principals.size();
  return out;
}

std::vector<std::string> sorted_codes(const std::vector<engine::Diagnostic>& ds) {
  auto codes = codes_of(ds);
  std::sort(codes.begin(), codes.end());
  return codes;
}

// The 1-based line of the first line of `text` that contains `needle`.
std::uint32_t line_of(const SourceFile& file, std::string_view needle) {
  const auto at = file.text().find(needle);
  REQUIRE(at != std::string_view::npos);
  return file.locate(SourceRange{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + 1)}).start.line;
}

} // namespace

TEST_CASE("terraform samples: the naive admin user in jsonencode form matches its template") {
  const auto tf = lint_sample("sample-policies/terraform/admin-user-naive/main.tf");
  const auto cfn = lint_sample("sample-policies/cloudformation/admin-user-naive.yaml");
  CHECK(tf.principals == cfn.principals);
  REQUIRE_FALSE(cfn.findings.empty());
  CHECK(sorted_codes(tf.findings) == sorted_codes(cfn.findings));
  const auto pl907 = with_code(tf.findings, "PL907");
  REQUIRE(pl907.size() == 1);
  CHECK(pl907[0].file == "sample-policies/terraform/admin-user-naive/main.tf");
  CHECK(testing::contains(pl907[0].message, "user/test-user"));
  CHECK(pl907[0].location.start.line == line_of(*tf.file, "NotIpAddress")); // the deny, as in the template
}

TEST_CASE("terraform samples: the role without MFA in aws_iam_policy_document form matches its plan") {
  const auto tf = lint_sample("sample-policies/terraform/admin-role-without-mfa/main.tf");
  const auto plan = lint_sample("sample-policies/terraform/admin-role-without-mfa.plan.json");
  CHECK(tf.principals == plan.principals);
  REQUIRE_FALSE(plan.findings.empty());
  CHECK(sorted_codes(tf.findings) == sorted_codes(plan.findings));
  // The trust policy's findings sit on the data source's statement, not on the plan's string.
  const auto pl201 = with_code(tf.findings, "PL201");
  REQUIRE_FALSE(pl201.empty());
  const auto trust_begin = line_of(*tf.file, "data \"aws_iam_policy_document\" \"admin_trust\"");
  const auto trust_end = line_of(*tf.file, "resource \"aws_iam_role\" \"admin\"");
  for (const auto& d : pl201) {
    CHECK(d.location.start.line > trust_begin);
    CHECK(d.location.start.line < trust_end);
  }
}

TEST_CASE("terraform samples: the recommended module is silent") {
  const auto tf = lint_sample("sample-policies/terraform/admin-role-recommended/main.tf");
  const auto cfn = lint_sample("sample-policies/cloudformation/admin-role-recommended.yaml");
  CHECK(tf.principals == 2);
  for (const auto& d : tf.findings) {
    CAPTURE(d.message);
    CHECK(d.rule->code == "");
  }
  CHECK(sorted_codes(tf.findings) == sorted_codes(cfn.findings));
}
