// Throughput benchmark (not a test): lints every *.json under a directory in-process and
// prints policies/s and MB/s for each phase. Usage:
//   policylint_bench [DIR] [REPEAT]
// DIR defaults to ../shared/corpora/aws-managed/latest beside the source tree.
#include <policylint/core/source_file.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void print_row(std::string_view phase, double secs, std::size_t files, std::size_t bytes, int repeat) {
  const double per_run = secs / repeat;
  fmt::print("{:<28} {:>9.1f} ms   {:>9.0f} policies/s   {:>7.1f} MB/s\n", phase, per_run * 1e3,
             static_cast<double>(files) / per_run, static_cast<double>(bytes) / per_run / 1e6);
}

} // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::path(POLICYLINT_SOURCE_DIR) / "../shared/corpora/aws-managed/latest";
  const int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    fmt::print(stderr, "policylint_bench: no corpus at {}; pass a directory of policy JSON files\n", dir.string());
    return 2;
  }
  std::vector<std::string> paths;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.path().extension() == ".json") {
      paths.push_back(e.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<policylint::SourceFile> files;
  std::size_t bytes = 0;
  const auto read_start = Clock::now();
  for (const auto& p : paths) {
    auto f = policylint::read_source_file(p, p, 0);
    if (f) {
      bytes += f->size();
      files.push_back(std::move(*f));
    }
  }
  fmt::print("corpus: {} ({} files, {:.2f} MB), {} runs each\n", dir.string(), files.size(), static_cast<double>(bytes) / 1e6,
             repeat);
  print_row("read files", seconds_since(read_start), files.size(), bytes, 1);

  auto start = Clock::now();
  std::size_t statements = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const auto& f : files) {
      auto tree = policylint::json::parse(f);
      if (tree) {
        statements += policylint::policy::build_policy(*tree).policy.statements.size();
      }
    }
  }
  print_row("parse + build model", seconds_since(start), files.size(), bytes, repeat);

  policylint::engine::LintOptions options;
  std::size_t findings = 0;
  start = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (const auto& f : files) {
      findings += policylint::engine::lint_source(f, options).size();
    }
  }
  print_row("full lint (all rules)", seconds_since(start), files.size(), bytes, repeat);
  fmt::print("statements: {}, findings: {}\n", statements / static_cast<std::size_t>(repeat),
             findings / static_cast<std::size_t>(repeat));
  return 0;
}
