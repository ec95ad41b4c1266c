#pragma once
// Lints one source: parse → model → structural issues → each enabled rule once per
// document → findings sorted by position. Never fails: a file that cannot be parsed
// yields an invalid-json finding.
#include <policylint/catalog/catalog.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/runtime_rule.hpp>
#include <policylint/engine/organisation.hpp>
#include <policylint/engine/selection.hpp>
#include <policylint/account/model.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/model.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace policylint::engine {


struct LintOptions {
  Selection selection;
  const catalog::Catalog* catalog = nullptr; // nullptr: the embedded catalog
  std::optional<policy::PolicyKind> forced_kind;
  std::optional<policy::PolicyType> policy_type; // --policy-type: every document is of this type
  json::ParseLimits limits;
  // Custom checks (--rules DIR), run after the built-in rules; owned by the caller.
  std::span<const RuntimeRule> runtime_rules;
  const Organisation* organisation = nullptr; // from the config file; nullptr: none configured
  // --input-format: which front end reads the file (auto: by content; see docs/inputs.md).
  frontend::InputFormat input_format = frontend::InputFormat::auto_detect;
  // A plain policy over this many bytes is refused (0 = no limit; frontend::LoadOptions).
  std::uint64_t max_policy_file_bytes = 0;
  // Threads for the documents of one large input (a snapshot, a big template); the findings
  // are the same for any N.
  unsigned document_jobs = 1;
};

[[nodiscard]] std::vector<Diagnostic> lint_source(const SourceFile& file, const LintOptions& options);
// The same, and the file's principals and policies (templates, plans, snapshots, CLI responses)
// appended to `*account` for cross-policy rules; a plain policy file adds nothing.
[[nodiscard]] std::vector<Diagnostic> lint_source(const SourceFile& file, const LintOptions& options,
                                                  account::Account* account);

// One file's findings, and whether the file was left alone as holding no IAM content (format
// detected, nothing recognised: a package.json), which a run counts rather than reports.
struct SourceLint {
  std::vector<Diagnostic> findings;
  bool not_iam = false;
};
[[nodiscard]] SourceLint lint_input(const SourceFile& file, const LintOptions& options, account::Account* account);

// Reports a problem that is not about a position in a policy (unreadable file, size
// limit) as a finding at 1:1, so that it reaches every output format.
[[nodiscard]] Diagnostic file_level_diagnostic(const std::string& path, std::string_view rule, std::string message);

// Position order, then rule code: the order every writer prints.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

} // namespace policylint::engine
