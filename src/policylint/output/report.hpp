#pragma once
// What every writer receives: the findings of a whole run, in their final order.
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/severity.hpp>

#include <string>
#include <vector>

namespace policylint::output {

struct Report {
  std::vector<engine::Diagnostic> diagnostics;
  std::size_t files_linted = 0;
  // Inputs left alone because they hold no IAM content (docs/inputs.md), in input order.
  std::vector<std::string> files_not_iam;
  // The directory that SARIF URIs are made relative to (the git top level or the working
  // directory), absolute.
  std::string source_root;
  // Custom checks of the run (--rules DIR): SARIF lists them in rules[] with the built-ins.
  std::vector<const engine::RuleInfo*> custom_rules;
};

struct TextOptions {
  bool color = false;
  bool show_source = true; // the source line with a caret underline
};

[[nodiscard]] std::string format_counterexample(const engine::Counterexample& c);
// Untrusted text made safe for a terminal: no control bytes or invalid UTF-8. With
// keep_columns each bad byte becomes "?", else "\xNN".
[[nodiscard]] std::string terminal_safe(std::string_view text, bool keep_columns);

[[nodiscard]] std::string write_text(const Report& report, const TextOptions& options);
[[nodiscard]] std::string write_json(const Report& report);
[[nodiscard]] std::string write_sarif(const Report& report);
// GitHub Actions workflow commands ("::error file=…,line=…::message"), one line per finding.
[[nodiscard]] std::string write_github(const Report& report);
// JUnit XML: one testcase per file with findings (failing) plus one passing testcase for the
// clean files.
[[nodiscard]] std::string write_junit(const Report& report);
// A Markdown summary (counts by level and a table of findings) for $GITHUB_STEP_SUMMARY.
[[nodiscard]] std::string write_markdown(const Report& report);
// "3 problems (2 errors, 1 warning) in 2 files"
[[nodiscard]] std::string summary_line(const Report& report);

} // namespace policylint::output
