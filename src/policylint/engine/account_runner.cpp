#include <policylint/engine/account_runner.hpp>

#include <policylint/account/graph.hpp>
#include <policylint/core/parallel.hpp>
#include <policylint/engine/registry.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace policylint::engine {

namespace {

constexpr std::size_t k_max_source_line = 4096; // as lint_source: writers show short lines only

void locate(Diagnostic& d, const AccountLintOptions& options) {
  for (const SourceFile* file : options.sources) {
    if (file != nullptr && file->path() == d.file) {
      d.location = file->locate(d.range);
      const std::string_view line = file->line_text(d.location.start.line);
      if (line.size() <= k_max_source_line) {
        d.source_line = std::string(line);
      }
      return;
    }
  }
}

} // namespace

std::vector<Diagnostic> lint_account(const account::Account& account, const LintOptions& options,
                                     const AccountLintOptions& account_options) {
  std::vector<Diagnostic> out;
  if (account.principals.empty()) {
    return out;
  }
  const account::Graph graph(account, account_options.max_hops, account_options.max_edge_searches);
  // The organisation allow-list from the configuration, unless the caller gave one.
  AccountLintOptions effective = account_options;
  if (effective.ip_allowlist.empty() && options.organisation != nullptr) {
    effective.ip_allowlist = options.organisation->ip_allowlist_text;
  }
  if (effective.trusted_accounts.empty() && options.organisation != nullptr) {
    effective.trusted_accounts = options.organisation->trusted_accounts;
  }
  std::vector<const RuleInfo*> rules;
  for (const RuleInfo& rule : all_rules()) {
    if (rule.account_check != nullptr && options.selection.enabled(rule)) {
      rules.push_back(&rule);
    }
  }
  // The graph is only read once built, and each rule keeps its caches to itself, so the rules
  // share the cores; the slowest (PL908 on a large snapshot) bounds the wall time.
  auto per_rule = core::parallel_map(rules.size(), account_options.jobs, [&](std::size_t i) {
    std::vector<Diagnostic> found;
    AccountRuleContext ctx(*rules[i], found, effective);
    rules[i]->account_check(graph, ctx);
    return found;
  });
  for (auto& found : per_rule) {
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  if (graph.truncated()) {
    // Said, not silently skipped: the rules saw only the edges found before the bound.
    const RuleInfo* limit = find_rule("input-limit-exceeded");
    if (limit != nullptr && options.selection.enabled(*limit) && !account.principals.front().file.empty()) {
      out.push_back(file_level_diagnostic(
          account.principals.front().file, "input-limit-exceeded",
          fmt::format("the account's principal graph has more than {} candidate (caller, role) pairs to decide; "
                      "the cross-policy rules used the assume-role edges found before that bound",
                      account_options.max_edge_searches)));
    }
  }
  for (Diagnostic& d : out) {
    if (d.rule->name == "input-limit-exceeded") {
      continue; // already at 1:1
    }
    locate(d, account_options);
  }
  sort_diagnostics(out);
  // One finding per rule, place and message: several paths can lead to the same anchor.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.rule == b.rule && a.file == b.file && a.range == b.range && a.message == b.message;
                        }),
            out.end());
  return out;
}

} // namespace policylint::engine
