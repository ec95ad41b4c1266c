// libFuzzer harness for the whole per-file pipeline: bytes -> engine::lint_source with every
// rule enabled and the embedded catalog, exactly as `policylint check` runs one file (format
// detection and every front end included, small limits). Checks what every finding must
// satisfy whatever the input: a rule, a range inside the file, a 1-based position.
// Build and run with tests/fuzz/build-and-run.sh (clang 14, see docs/robustness.md).
#include <policylint/core/source_file.hpp>
#include <policylint/engine/rule.hpp>
#include <policylint/engine/runner.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const SourceFile file("fuzz-input", std::string(reinterpret_cast<const char*>(data), size));
  engine::LintOptions options;
  options.limits.max_depth = 64;
  options.limits.max_statements = 64;
  const auto findings = engine::lint_source(file, options);
  for (const auto& d : findings) {
    if (d.rule == nullptr || d.range.begin > d.range.end || d.range.end > std::max<std::size_t>(size, 1) || d.location.start.line == 0 ||
        d.location.start.column == 0 || d.message.empty()) {
      std::abort();
    }
  }
  return 0;
}
