#include <policylint/engine/runner.hpp>

#include <policylint/engine/document_pass.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/frontend/load.hpp>

#include <algorithm>
#include <numeric>

namespace policylint::engine {

namespace {

constexpr std::size_t k_max_source_line = 4096; // the text writer shows lines up to 500 bytes

} // namespace

std::vector<Diagnostic> lint_source(const SourceFile& file, const LintOptions& options) {
  return lint_source(file, options, nullptr);
}

std::vector<Diagnostic> lint_source(const SourceFile& file, const LintOptions& options, account::Account* account) {
  return lint_input(file, options, account).findings;
}

SourceLint lint_input(const SourceFile& file, const LintOptions& options, account::Account* account) {
  auto extraction = frontend::load(file, {options.input_format, options.limits, options.max_policy_file_bytes});
  if (extraction.not_iam) {
    return {{}, true};
  }
  std::vector<Diagnostic> out;
  lint_extraction(file, options, extraction, out);
  if (account != nullptr) {
    account->merge(std::move(extraction.account));
  }
  for (Diagnostic& d : out) {
    d.file = file.path();
    d.location = file.locate(d.range);
    // Writers only show short lines; copying a multi-megabyte line into every finding of a
    // one-line document would make memory grow with findings × file size.
    const std::string_view line = file.line_text(d.location.start.line);
    if (line.size() <= k_max_source_line) {
      d.source_line = std::string(line);
    }
  }
  sort_diagnostics(out);
  return {std::move(out), false};
}

Diagnostic file_level_diagnostic(const std::string& path, std::string_view rule, std::string message) {
  Diagnostic d;
  d.rule = &rule_or_die(rule);
  d.file = path;
  d.range = SourceRange{0, 0};
  d.location.start = Position{1, 1};
  d.location.end = Position{1, 1};
  d.message = std::move(message);
  return d;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  // Sorted as indices, then each moved once: a Diagnostic is large, and a stable merge sort
  // moves every element about log n times (an eighth of a run with 10,000 findings).
  std::vector<std::size_t> order(diagnostics.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const Diagnostic& a = diagnostics[x];
    const Diagnostic& b = diagnostics[y];
    if (a.file != b.file) {
      return a.file < b.file;
    }
    if (a.range.begin != b.range.begin) {
      return a.range.begin < b.range.begin;
    }
    if (a.rule->code != b.rule->code) {
      return a.rule->code < b.rule->code;
    }
    return a.message < b.message;
  });
  std::vector<Diagnostic> sorted;
  sorted.reserve(diagnostics.size());
  for (const std::size_t i : order) {
    sorted.push_back(std::move(diagnostics[i]));
  }
  diagnostics = std::move(sorted);
}

} // namespace policylint::engine
