#pragma once
// Lints an account as a whole: builds the principal graph once and runs every enabled
// "impl": "account" rule (category cross-policy) on it. Call it after every input file has
// been read and the front ends' accounts merged; an account without principals yields nothing.
#include <policylint/account/model.hpp>
#include <policylint/engine/account_rule_context.hpp>
#include <policylint/engine/runner.hpp>

#include <vector>

namespace policylint::engine {

[[nodiscard]] std::vector<Diagnostic> lint_account(const account::Account& account, const LintOptions& options,
                                                   const AccountLintOptions& account_options = {});

} // namespace policylint::engine
