// Front-end benchmark (not a test): reads one large input (e.g. an authorization-details
// snapshot from ../shared/corpora/auth-details/make-large.py) and prints the time and
// throughput of each phase and the peak memory. Usage:
//   policylint_frontend_bench FILE [REPEAT]
//   python3 ../shared/corpora/auth-details/make-large.py --mb 80 -o /tmp/big.json
//   build/release/tests/policylint_frontend_bench /tmp/big.json 3
// A .tf file or a YAML template is timed as text front ends (HCL or YAML reading, then the
// front end and the model), so the two can be compared per byte:
//   python3 tests/bench/make_large_text.py --mb 20 /tmp/big.tf /tmp/big.yaml
#include <policylint/core/source_file.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/frontend/frontend.hpp>
#include <policylint/engine/document_pass.hpp>
#include <policylint/frontend/terraform_hcl.hpp>
#include <policylint/frontend/yaml_tree.hpp>
#include <policylint/hcl/parser.hpp>
#include <policylint/json/parser.hpp>

#include <fmt/format.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Resident memory now (not the peak), from /proc/self/statm; 0 where unavailable.
long current_rss_kib() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) {
    return 0;
  }
  long pages = 0;
  long resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? resident * (::sysconf(_SC_PAGESIZE) / 1024) : 0;
}

long peak_rss_kib() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void row(std::string_view phase, double secs, std::size_t bytes) {
  fmt::print("{:<44} {:>9.1f} ms   {:>8.1f} MB/s\n", phase, secs * 1e3, static_cast<double>(bytes) / secs / 1e6);
}

// HCL (.tf) or YAML (CloudFormation): the syntax alone, then syntax + front end + model.
int bench_text(const char* path, int repeat, const policylint::json::ParseLimits& limits) {
  using namespace policylint;
  auto file = read_source_file(path, path, 0);
  if (!file) {
    fmt::print(stderr, "policylint_frontend_bench: {}: {}\n", path, file.error().message);
    return 2;
  }
  const bool hcl_input = frontend::is_terraform_path(path);
  double syntax_s = 1e9;
  double model_s = 1e9;
  std::size_t documents = 0;
  for (int run = 0; run < repeat; ++run) {
    auto start = Clock::now();
    const bool ok = hcl_input ? hcl::parse(file->text(), hcl::ParseLimits{limits.max_depth}).has_value()
                              : frontend::parse_yaml(*file, limits.max_depth).has_value();
    syntax_s = std::min(syntax_s, seconds_since(start));
    if (!ok) {
      fmt::print(stderr, "policylint_frontend_bench: {} does not parse\n", path);
      return 2;
    }
    start = Clock::now();
    auto extraction = hcl_input ? frontend::extract_terraform_hcl(*file, limits) : frontend::extract_yaml_template(*file, limits);
    engine::LintOptions no_rules;
    no_rules.selection.select = {"no-rule-has-this-name"};
    no_rules.limits = limits;
    std::vector<engine::Diagnostic> none;
    engine::lint_extraction(*file, no_rules, extraction, none);
    model_s = std::min(model_s, seconds_since(start));
    documents = extraction.documents.size();
  }
  fmt::print("input: {} ({:.1f} MB), {} documents; best of {} runs\n", path, static_cast<double>(file->size()) / 1e6,
             documents, repeat);
  row(hcl_input ? "parse HCL (syntax tree with spans)" : "parse YAML (tree with spans)", syntax_s, file->size());
  row("parse + front end + build every policy", model_s, file->size());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  using namespace policylint;
  if (argc < 2) {
    fmt::print(stderr, "usage: policylint_frontend_bench FILE [REPEAT]\n");
    return 2;
  }
  const int repeat = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  json::ParseLimits limits;
  limits.max_statements = 0;
  const std::string_view path = argv[1];
  if (frontend::is_terraform_path(path) || path.ends_with(".yaml") || path.ends_with(".yml")) {
    return bench_text(argv[1], repeat, limits);
  }

  double read_s = 1e9;
  double parse_s = 1e9;
  double model_s = 1e9;
  double lint_s = 1e9;
  std::size_t bytes = 0;
  std::size_t documents = 0;
  std::size_t principals = 0;
  std::size_t findings = 0;
  long file_kib = 0;
  long tree_kib = 0;
  long model_kib = 0;
  long model_peak_kib = 0;
  for (int run = 0; run < repeat; ++run) {
    const long base_kib = current_rss_kib();
    auto start = Clock::now();
    auto file = read_source_file(argv[1], argv[1], 0);
    if (!file) {
      fmt::print(stderr, "policylint_frontend_bench: {}: {}\n", argv[1], file.error().message);
      return 2;
    }
    read_s = std::min(read_s, seconds_since(start));
    bytes = file->size();
    if (run == 0) { // later runs reuse freed memory, so only the first shows each phase's size
      file_kib = current_rss_kib() - base_kib;
    }

    start = Clock::now();
    auto tree = json::parse(*file, limits);
    if (!tree) {
      fmt::print(stderr, "policylint_frontend_bench: not JSON: {}\n", tree.error().message);
      return 2;
    }
    parse_s = std::min(parse_s, seconds_since(start));
    if (run == 0) {
      tree_kib = current_rss_kib() - base_kib - file_kib;
    }

    // Into the model: the front end's documents and principals, every policy built, no rules.
    start = Clock::now();
    auto extraction = frontend::extract(*file, *tree, frontend::detect_format(*tree).value_or(frontend::InputFormat::policy), limits);
    extraction.file_root = &*tree;
    engine::LintOptions no_rules;
    no_rules.selection.select = {"no-rule-has-this-name"};
    no_rules.limits = limits;
    std::vector<engine::Diagnostic> none;
    engine::lint_extraction(*file, no_rules, extraction, none);
    model_s = std::min(model_s, seconds_since(start));
    documents = extraction.documents.size();
    principals = extraction.account.principals.size();
    if (run == 0) { // before the full check has run, the peak so far is this phase's
      model_kib = current_rss_kib() - base_kib - file_kib - tree_kib;
      model_peak_kib = peak_rss_kib();
    }
    extraction = {}; // free the first pass before the full check
    tree = json::Value{};

    // The whole check: detection, front end, every rule, the account.
    start = Clock::now();
    engine::LintOptions all;
    all.limits = limits;
    account::Account account;
    findings = engine::lint_source(*file, all, &account).size();
    lint_s = std::min(lint_s, seconds_since(start));
  }
  fmt::print("input: {} ({:.1f} MB), {} documents, {} principals, {} findings; best of {} runs\n", argv[1],
             static_cast<double>(bytes) / 1e6, documents, principals, findings, repeat);
  row("read file", read_s, bytes);
  row("parse JSON (tree with spans)", parse_s, bytes);
  row("front end + build every policy (model)", model_s, bytes);
  row("read + parse + model", read_s + parse_s + model_s, bytes);
  row("lint_source, all rules (parse included)", lint_s, bytes);
  const auto mib = [](long kib) { return static_cast<double>(kib) / 1024; };
  const auto times = [&](long kib) { return static_cast<double>(kib) * 1024 / static_cast<double>(bytes); };
  fmt::print("memory: file {:.0f} MiB, JSON tree {:.0f} MiB ({:.1f}x), model (documents, principals, built policies) "
             "{:.0f} MiB ({:.1f}x)\n",
             mib(file_kib), mib(tree_kib), times(tree_kib), mib(model_kib), times(model_kib));
  fmt::print("peak RSS: read+parse+model {:.0f} MiB ({:.1f}x the input); whole run {:.0f} MiB ({:.1f}x)\n",
             mib(model_peak_kib), times(model_peak_kib), mib(peak_rss_kib()), times(peak_rss_kib()));
  return 0;
}
