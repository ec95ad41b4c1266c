// -j N: files are linted on N threads, and the report is byte-identical to a single-thread run.
#include "process.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint::testing::cli;

namespace {

RunResult check_with(const std::string& jobs, const fs::path& dir, const std::string& format) {
  return run({binary_path(), "-j", jobs, "--format", format, "--exit-zero", dir.string()}, at(source_dir()));
}

} // namespace

TEST_CASE("-j: the sample policies give the same report on 1 2 3 and 16 threads") {
  // Every input kind of the samples: policies, templates, plans and snapshots (cross-policy
  // findings included), in two formats.
  const fs::path dir = source_dir() / "sample-policies";
  for (const std::string format : {"json", "text"}) {
    const auto one = check_with("1", dir, format);
    REQUIRE_MESSAGE(one.exit_code == 0, describe(one));
    REQUIRE(count_of(one.out, "PL") > 5);
    for (const std::string jobs : {"2", "3", "16"}) {
      CAPTURE(jobs);
      const auto many = check_with(jobs, dir, format);
      REQUIRE_MESSAGE(many.exit_code == 0, describe(many));
      CHECK(many.out == one.out);
      CHECK(many.err == one.err);
    }
  }
}

TEST_CASE("-j: the managed policy corpus gives the same report on 1 and 2 threads") {
  const fs::path dir = source_dir() / ".." / "shared" / "corpora" / "aws-managed" / "latest";
  if (!fs::is_directory(dir)) {
    MESSAGE("skipped: no AWS managed policy corpus at " << dir.string());
    return;
  }
  RunOptions options = at(source_dir());
  options.timeout_s = 600;
  const auto one = run({binary_path(), "-j", "1", "--format", "json", "--exit-zero", dir.string()}, options);
  const auto two = run({binary_path(), "-j", "2", "--format", "json", "--exit-zero", dir.string()}, options);
  REQUIRE_MESSAGE(one.exit_code == 0, describe(one));
  REQUIRE_MESSAGE(two.exit_code == 0, describe(two));
  CHECK(count_of(one.out, "\"code\"") > 100);
  CHECK(two.out == one.out);
}
