// libFuzzer harness for custom checks (--rules): "<check file>" or "<check file>\n---\n<policy>".
// The check file goes through the loader (JSON, schema, query compilation); every problem must
// name the file with a line and column. A check that loads is run, as `check --rules` runs it,
// on the policy after the separator (or a built-in administrator policy): every finding needs a
// position inside the document and a counterexample the evaluator allows.
// Build and run with tests/fuzz/build-and-run.sh (clang 14, see docs/robustness.md).
#include <policylint/catalog/catalog.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/custom/rule_set.hpp>
#include <policylint/engine/rule.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view k_default_policy = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
  {"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view separator = "\n---\n";
  const auto cut = input.find(separator);
  const std::string_view policy_text = cut == std::string_view::npos ? k_default_policy : input.substr(cut + separator.size());

  const std::vector<SourceFile> files{SourceFile("acme.json", std::string(input.substr(0, cut)))};
  const auto loaded = custom::load_check_files(files, catalog::embedded_catalog());
  for (const auto& problem : loaded.problems) {
    if (!problem.starts_with("acme.json:")) {
      std::abort(); // every problem names the file, with a position
    }
  }
  if (!loaded.problems.empty() || loaded.checks.empty()) {
    return 0;
  }
  const SourceFile policy_file("policy.json", std::string(policy_text));
  engine::LintOptions options;
  options.selection.select = {"custom"};
  options.runtime_rules = loaded.checks.rules();
  options.limits.max_depth = 64;
  options.limits.max_statements = 32;
  const auto findings = engine::lint_source(policy_file, options);
  if (findings.empty()) {
    return 0;
  }
  auto tree = json::parse(policy_file, options.limits);
  if (!tree || tree->find("Statement") == nullptr) {
    return 0;
  }
  policy::BuildOptions build_options;
  build_options.max_statements = options.limits.max_statements;
  const auto built = policy::build_policy(*tree, build_options);
  for (const auto& d : findings) {
    if (d.rule == nullptr || d.range.begin > d.range.end || d.range.end > policy_text.size() ||
        d.location.start.line == 0 || d.message.empty()) {
      std::abort();
    }
    if (d.counterexample && eval::evaluate(built.policy, d.counterexample->request).decision != eval::Decision::allowed) {
      std::abort(); // a custom finding's request must be one the evaluator allows
    }
  }
  return 0;
}
