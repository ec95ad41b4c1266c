#pragma once
// `check --fix` and `check --diff`: compute the safe fixes of the selected findings, then
// either replace the files (atomically, refusing files that changed or are read-only) or
// print a unified diff and write nothing.
#include <policylint/io/inputs.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/lint/size_limits.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace policylint::lint {

enum class FixMode { write, diff };

struct FixOutcome {
  bool refused = false;       // nothing was attempted (e.g. standard input among the inputs)
  bool failed = false;        // a file could not be read or replaced (reported on stderr)
  std::size_t fixes = 0;      // fixes applied (write) or available (diff)
  std::size_t files_changed = 0;
};

// Fixes run in passes: lint, apply every fix that does not overlap another, lint the result
// again — until nothing changes or after a few passes — so a fix held back by an overlap
// gets its turn. Each file is written once, at the end.
// The configuration decides per file, as for a plain check: `options_for` gives the options
// to lint a file with (nullopt: the file is excluded, never touched) and `filter` drops its
// suppressed findings, whose fixes are then not applied either.
struct FixScope {
  std::function<std::optional<engine::LintOptions>(const io::InputFile&)> options_for;
  std::function<void(const io::InputFile&, std::vector<engine::Diagnostic>&)> filter;
};

[[nodiscard]] FixOutcome fix_inputs(const std::vector<io::InputFile>& inputs, const FixScope& scope, FixMode mode,
                                    const SizeLimits& limits, bool quiet);

// After a plain check: one line on stderr saying how many findings have a safe fix.
void print_fix_hint(const std::vector<engine::Diagnostic>& findings);

} // namespace policylint::lint
