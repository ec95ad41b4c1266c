// Golden outputs: `policylint sample-policies` run from the repository root (so paths read
// sample-policies/...), as text without colour, JSON and SARIF, compared byte for byte with
// tests/golden/sample-policies.{txt,json,sarif}.
//
// When a change of the output is intended, regenerate the files and review the diff:
//
//   POLICYLINT_UPDATE_GOLDEN=1 ctest --preset dev -R golden
//   POLICYLINT_UPDATE_GOLDEN=1 build/dev/tests/policylint_tests -tc='golden*'
//
// With POLICYLINT_UPDATE_GOLDEN=1 the tests rewrite the files instead of comparing (and pass).
// The SARIF holds the tool version and every rule's documentation, so editing a rule's
// README.md or rule.json changes it too.
#include "cli/process.hpp"

#include <doctest/doctest.h>

namespace {

using namespace policylint::testing::cli;

bool updating() {
  const char* v = std::getenv("POLICYLINT_UPDATE_GOLDEN");
  return v != nullptr && std::string_view(v) == "1";
}

// Where the first difference is: line, column and the text around it on both sides.
std::string first_difference(const std::string& want, const std::string& got) {
  const auto a = split_lines(want);
  const auto b = split_lines(got);
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const std::string x = i < a.size() ? a[i] : "<end of file>";
    const std::string y = i < b.size() ? b[i] : "<end of output>";
    if (x == y) {
      continue;
    }
    std::size_t col = 0;
    while (col < x.size() && col < y.size() && x[col] == y[col]) {
      ++col;
    }
    const std::size_t from = col > 100 ? col - 100 : 0;
    return "first difference at line " + std::to_string(i + 1) + ", byte " + std::to_string(col + 1) +
           ":\n  want: ..." + x.substr(from, 300) + "\n  got:  ..." + y.substr(from, 300);
  }
  return "the outputs differ only in the final newline";
}

void check_golden(const std::string& golden_name, const std::vector<std::string>& args) {
  RunOptions options = at(source_dir());
  options.env["NO_COLOR"] = std::nullopt;
  options.env["TERM"] = "xterm-256color";
  const RunResult r = run(args, options);
  {
    INFO(describe(r));
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exit_code == 1); // the naive samples have errors
    REQUIRE_FALSE(r.out.empty());
    // The output is deterministic: a second run gives the same bytes.
    REQUIRE(run(args, options).out == r.out);
  }

  const fs::path golden = source_dir() / "tests" / "golden" / golden_name;
  if (updating()) {
    write_file(golden, r.out);
    MESSAGE("updated " << golden.string());
    return;
  }
  REQUIRE_MESSAGE(fs::exists(golden),
                  "missing " << golden.string()
                             << "; create it with POLICYLINT_UPDATE_GOLDEN=1 ctest --preset dev -R golden");
  const std::string want = read_file(golden);
  CHECK_MESSAGE(r.out == want, golden.string()
                                   << " is out of date ("
                                   << "POLICYLINT_UPDATE_GOLDEN=1 ctest --preset dev -R golden rewrites it)\n"
                                   << first_difference(want, r.out));
}

} // namespace

TEST_SUITE_BEGIN("golden");

TEST_CASE("golden: sample-policies text output") {
  check_golden("sample-policies.txt", {"--color=never", "sample-policies"});
}

TEST_CASE("golden: sample-policies JSON output") {
  check_golden("sample-policies.json", {"--format", "json", "sample-policies"});
}

TEST_CASE("golden: sample-policies SARIF output") {
  check_golden("sample-policies.sarif", {"--format", "sarif", "sample-policies"});
}

TEST_SUITE_END();
