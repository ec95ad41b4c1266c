// Replays every input in tests/fuzz/regressions/ (inputs that once crashed, hung or blew up
// memory) through the in-process front end, model and rules, at the default limits and at
// the largest --max-depth the CLI accepts. Passing means: no crash, no exception, a result,
// and findings whose ranges lie inside the file.
#include <policylint/engine/runner.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

TEST_CASE("fuzz regressions replay without crashing") {
  const fs::path dir = fs::path(POLICYLINT_SOURCE_DIR) / "tests/fuzz/regressions";
  REQUIRE(fs::is_directory(dir));
  std::size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const policylint::SourceFile file(entry.path().filename().string(), std::move(text));
    INFO(entry.path().filename().string());
    for (const std::uint32_t depth : {256U, 1000U}) {
      policylint::engine::LintOptions options;
      options.limits.max_depth = depth;
      const auto found = policylint::engine::lint_source(file, options);
      CHECK_FALSE(found.empty()); // every regression input is worth at least one finding
      // What lint_fuzz asserts of every finding: its range lies inside the file.
      for (const auto& d : found) {
        CHECK(d.range.begin <= d.range.end);
        CHECK(d.range.end <= std::max<std::size_t>(file.size(), 1));
      }
    }
    ++replayed;
  }
  CHECK(replayed >= 3);
}
