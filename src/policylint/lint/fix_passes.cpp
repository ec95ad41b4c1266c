#include <policylint/lint/fix_passes.hpp>

#include <policylint/baseline/baseline.hpp>
#include <policylint/io/replace_file.hpp>
#include <policylint/fix/apply.hpp>
#include <policylint/fix/unified_diff.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace policylint::lint {

namespace {

constexpr int k_max_passes = 4;

struct FixedText {
  std::string text;
  std::size_t fixes = 0;
};

FixedText fix_text(const io::InputFile& input, const SourceFile& original, const engine::LintOptions& options,
                   const FixScope& scope) {
  FixedText out{std::string(original.text()), 0};
  for (int pass = 0; pass < k_max_passes; ++pass) {
    const SourceFile current(original.path(), out.text);
    auto found = engine::lint_source(current, options);
    baseline::stamp(current, found); // fingerprints, for a baseline that hides findings
    if (scope.filter) {
      scope.filter(input, found);
    }
    std::vector<const engine::Fix*> fixes;
    for (const auto& d : found) {
      for (const auto& f : d.fixes) {
        fixes.push_back(&f);
      }
    }
    if (fixes.empty()) {
      break;
    }
    auto applied = fix::apply_fixes(current.text(), fixes);
    if (applied.text == out.text) {
      break;
    }
    out.fixes += applied.applied;
    out.text = std::move(applied.text);
  }
  return out;
}

} // namespace

FixOutcome fix_inputs(const std::vector<io::InputFile>& inputs, const FixScope& scope, FixMode mode,
                      const SizeLimits& limits, bool quiet) {
  FixOutcome outcome;
  for (const io::InputFile& input : inputs) {
    if (input.path == "-") {
      fmt::print(stderr, "policylint: error: --{} needs files: standard input cannot be fixed in place; nothing "
                         "was changed\n", mode == FixMode::diff ? "diff" : "fix");
      outcome.refused = true;
      return outcome;
    }
  }
  std::string diffs;
  for (const io::InputFile& input : inputs) {
    const auto options = scope.options_for(input);
    if (!options) {
      continue; // excluded by its configuration
    }
    auto file = read_source_file(input.path, input.display_path, limits.read_limit(input));
    if (!file) {
      continue; // the lint pass reports unreadable and oversized files
    }
    const FixedText fixed = fix_text(input, *file, *options, scope);
    if (fixed.text == file->text()) {
      continue;
    }
    if (mode == FixMode::diff) {
      diffs += fix::unified_diff(fix::patch_path(input.display_path), file->text(), fixed.text);
    } else if (auto written = io::replace_file_if_unchanged(input.path, io::content_hash(file->text()), fixed.text);
               !written) {
      fmt::print(stderr, "policylint: error: cannot fix {}\n", written.error().message);
      outcome.failed = true;
      continue;
    }
    outcome.fixes += fixed.fixes;
    ++outcome.files_changed;
  }
  if (mode == FixMode::diff) {
    std::fwrite(diffs.data(), 1, diffs.size(), stdout);
    std::fflush(stdout);
  }
  if (!quiet) {
    fmt::print(stderr, "policylint: {} {} {} in {} {}{}\n", mode == FixMode::diff ? "would apply" : "applied",
               outcome.fixes, outcome.fixes == 1 ? "fix" : "fixes", outcome.files_changed,
               outcome.files_changed == 1 ? "file" : "files", mode == FixMode::diff ? " (--diff: nothing written)" : "");
  }
  return outcome;
}

void print_fix_hint(const std::vector<engine::Diagnostic>& findings) {
  const auto fixable = static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](const auto& d) {
    return !d.fixes.empty();
  }));
  if (fixable > 0) {
    fmt::print(stderr, "policylint: {} {} a safe fix: --diff shows {}, --fix applies {}\n", fixable,
               fixable == 1 ? "finding has" : "findings have", fixable == 1 ? "it" : "them",
               fixable == 1 ? "it" : "them");
  }
}

} // namespace policylint::lint
