#pragma once
// Test-only: the findings of one cross-policy rule over an AccountBuilder's account, as
// `policylint check` would report them with only that rule selected.
#include "support/account_builder.hpp"

#include <policylint/engine/account_runner.hpp>

#include <string>
#include <vector>

namespace policylint::testing {

inline std::vector<engine::Diagnostic> account_findings(const AccountBuilder& b, const std::string& code) {
  engine::LintOptions options;
  options.selection.select = {code};
  engine::AccountLintOptions account_options;
  account_options.sources = b.files();
  auto ds = engine::lint_account(b.account(), options, account_options);
  std::erase_if(ds, [&](const engine::Diagnostic& d) { return d.rule->code != code; });
  return ds;
}

} // namespace policylint::testing
