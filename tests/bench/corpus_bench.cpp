// Throughput benchmark (not a test): lints every *.json under a directory in-process and
// prints policies/s and MB/s for each phase. Usage:
//   policylint_bench [DIR] [REPEAT]
// DIR defaults to ../shared/corpora/aws-managed/latest beside the source tree.
#include <policylint/core/source_file.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/engine.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
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

std::optional<policylint::policy::Policy> build(const policylint::SourceFile& f) {
  auto tree = policylint::json::parse(f);
  if (!tree) {
    return std::nullopt;
  }
  return policylint::policy::build_policy(*tree).policy;
}

// Average time of the exact query engine over the corpus (docs/query.md): for every policy,
// a fresh engine answers "is any request allowed?" and "can iam:* or s3:DeleteBucket be used
// with MFA absent from outside 203.0.113.0/24?".
void bench_queries(const std::vector<policylint::SourceFile>& files, int repeat) {
  namespace q = policylint::query;
  std::vector<policylint::policy::Policy> policies;
  std::vector<std::string> names;
  for (const auto& f : files) {
    if (auto p = build(f)) {
      policies.push_back(std::move(*p));
      names.push_back(std::filesystem::path(f.path()).filename().string());
    }
  }
  std::vector<double> per_policy(policies.size(), 0);
  q::Query any;
  q::Query risky;
  risky.actions = {"iam:*", "s3:DeleteBucket"};
  risky.context["aws:multifactorauthpresent"] = std::nullopt;
  risky.constraints = {{"NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"}}, {"Null", "aws:SourceIp", {"false"}}};
  std::size_t queries = 0;
  std::size_t found = 0;
  std::size_t inexact = 0;
  double slowest = 0;
  const auto start = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (std::size_t i = 0; i < policies.size(); ++i) {
      const auto& p = policies[i];
      const auto one = Clock::now();
      const std::array<const policylint::policy::Policy*, 1> set{&p};
      q::Engine engine(set);
      for (const q::Query* query : {&any, &risky}) {
        found += engine.find(*query) ? 1U : 0U;
        inexact += engine.last_exact() ? 0U : 1U;
        ++queries;
      }
      per_policy[i] += seconds_since(one);
      slowest = std::max(slowest, seconds_since(one) / 2);
    }
  }
  const double secs = seconds_since(start);
  fmt::print("{:<28} {:>9.1f} us avg   {:>9.0f} queries/s   slowest {:.2f} ms   ({} queries, {} found, {} inexact)\n",
             "query (exact engine)", secs / static_cast<double>(queries) * 1e6, static_cast<double>(queries) / secs,
             slowest * 1e3, queries / static_cast<std::size_t>(repeat), found / static_cast<std::size_t>(repeat),
             inexact / static_cast<std::size_t>(repeat));
  std::vector<std::size_t> order(policies.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return per_policy[a] > per_policy[b]; });
  std::vector<double> sorted = per_policy;
  std::sort(sorted.begin(), sorted.end());
  fmt::print("{:<28} median {:.1f} us, 90th percentile {:.1f} us per policy (2 queries); slowest:", "",
             sorted[sorted.size() / 2] / repeat * 1e6, sorted[sorted.size() * 9 / 10] / repeat * 1e6);
  for (std::size_t i = 0; i < 3 && i < order.size(); ++i) {
    fmt::print(" {} ({:.1f} ms)", names[order[i]], per_policy[order[i]] / repeat * 1e3);
  }
  fmt::print("\n");
}

// `policylint diff` on two policies of about 6 KB (the managed-policy size quota): parse both,
// then one confirmed counterexample per newly reachable action class.
double diff_seconds(const policylint::SourceFile& old_file, const policylint::SourceFile& new_file, std::size_t& found) {
  const auto start = Clock::now();
  const auto old_policy = build(old_file);
  const auto new_policy = build(new_file);
  if (!old_policy || !new_policy) {
    return 0;
  }
  const std::array<const policylint::policy::Policy*, 1> old_set{&*old_policy};
  const std::array<const policylint::policy::Policy*, 1> new_set{&*new_policy};
  policylint::query::Engine engine(new_set, old_set);
  policylint::query::Query q;
  q.outcome = policylint::query::Outcome::newly_allowed;
  q.split_by_service = true;
  q.split_by_principal = true;
  q.typed_resources = true; // as policylint diff asks
  found = engine.find_per_action_class(q).size();
  return seconds_since(start);
}

void bench_diff(const std::vector<policylint::SourceFile>& files, int repeat) {
  std::vector<const policylint::SourceFile*> six_kb;
  for (const auto& f : files) {
    if (f.size() >= 5500 && f.size() <= 6600) {
      six_kb.push_back(&f);
    }
  }
  if (six_kb.size() < 2) {
    fmt::print("diff: fewer than two policies of about 6 KB in the corpus\n");
    return;
  }
  // (a) two unrelated 6 KB policies (every class of NEW is new); (b) a policy against itself
  // with one more action in its first statement (a typical pull request).
  std::string widened(six_kb[0]->text());
  if (const auto at = widened.find("\"Action\""); at != std::string::npos) {
    const auto bracket = widened.find_first_not_of(" \t\r\n:", at + 8);
    if (bracket != std::string::npos && widened[bracket] == '[') {
      widened.insert(bracket + 1, "\"sqs:SendMessage\", ");
    }
  }
  const policylint::SourceFile widened_file("widened.json", widened);
  struct Case {
    const char* name;
    const policylint::SourceFile* old_file;
    const policylint::SourceFile* new_file;
  };
  const std::array<Case, 3> cases{{{"diff 6 KB vs other 6 KB", six_kb[0], six_kb[1]},
                                   {"diff 6 KB vs other (swap)", six_kb[1], six_kb[0]},
                                   {"diff 6 KB vs itself+1", six_kb[0], &widened_file}}};
  for (const auto& c : cases) {
    double total = 0;
    std::size_t found = 0;
    for (int r = 0; r < repeat; ++r) {
      total += diff_seconds(*c.old_file, *c.new_file, found);
    }
    fmt::print("{:<28} {:>9.2f} ms avg   ({} + {} bytes, {} new-access classes)\n", c.name,
               total / repeat * 1e3, c.old_file->size(), c.new_file->size(), found);
  }
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
  bench_queries(files, repeat);
  bench_diff(files, repeat);
  return 0;
}
