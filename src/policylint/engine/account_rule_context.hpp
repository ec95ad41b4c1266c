#pragma once
// What an "impl": "account" rule reports through: like RuleContext, but a finding names the
// file it is anchored in (the policy document that should change), since one account spans
// several files.
#include <policylint/core/source_file.hpp>
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/rule.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

namespace policylint::engine {

// Account-wide settings the cross-policy rules read.
struct AccountLintOptions {
  // The organisation's IP allow-list (CIDR ranges); empty: LintOptions::organisation's
  // `ip-allowlist` from the configuration, else only the ranges the account's policies name.
  std::vector<std::string> ip_allowlist;
  // The organisation's own AWS accounts (12-digit ids, `organisation.trusted-accounts`): a
  // trust naming one principal of one of them is not an outsider's.
  std::vector<std::string> trusted_accounts;
  // The files the account's documents were read from, to resolve lines and columns; a finding
  // in a file not listed here keeps 1:1.
  std::vector<const SourceFile*> sources;
  std::size_t max_hops = 5;                  // role chaining depth bound
  std::size_t max_edge_searches = 250'000;   // (caller, role) pairs decided at most (account::Graph)
  // Rules run at once on the (read-only) graph; 0 or 1: one after another. The findings are the
  // same for any N: each rule reports into its own list, joined in rule order.
  unsigned jobs = 1;
};

class AccountRuleContext {
public:
  AccountRuleContext(const RuleInfo& rule, std::vector<Diagnostic>& sink, const AccountLintOptions& options)
      : m_rule(rule), m_sink(sink), m_options(options) {}

  template <class... Args>
  Diagnostic& report(std::string file, SourceRange range, fmt::format_string<Args...> format, Args&&... args) {
    return vreport(std::move(file), range, static_cast<fmt::string_view>(format), fmt::make_format_args(args...));
  }

  Diagnostic& vreport(std::string file, SourceRange range, fmt::string_view format, fmt::format_args args) {
    Diagnostic& d = m_sink.emplace_back();
    d.rule = &m_rule;
    d.file = std::move(file);
    d.range = range;
    d.message = fmt::vformat(format, args);
    return d;
  }

  [[nodiscard]] const RuleInfo& rule() const { return m_rule; }
  [[nodiscard]] const AccountLintOptions& options() const { return m_options; }

private:
  const RuleInfo& m_rule;
  std::vector<Diagnostic>& m_sink;
  const AccountLintOptions& m_options;
};

} // namespace policylint::engine
