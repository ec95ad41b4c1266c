// libFuzzer harness for the exact query engine: "<policy JSON>" or "<old policy>\n---\n<new
// policy>". Asks the engine for an allowed and an explicitly denied request of the new policy,
// a privileged one (write or permissions-management actions only), and (with two policies)
// for every newly allowed action class, as `policylint diff` does;
// aborts when an answer is not what eval::evaluate says of the returned request.
// Build and run with tests/fuzz/build-and-run.sh (clang 14, see docs/robustness.md).
#include <policylint/catalog/catalog.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/engine.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

std::optional<policylint::policy::Policy> build(std::string_view text) {
  using namespace policylint;
  const SourceFile file("fuzz.json", std::string(text));
  json::ParseLimits limits;
  limits.max_depth = 32;
  limits.max_statements = 8;
  const auto root = json::parse(file, limits);
  if (!root) {
    return std::nullopt;
  }
  policy::BuildOptions options;
  options.max_statements = limits.max_statements;
  return policy::build_policy(*root, options).policy;
}

void check(bool ok) {
  if (!ok) {
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view separator = "\n---\n";
  const auto cut = input.find(separator);
  const auto newer = build(cut == std::string_view::npos ? input : input.substr(cut + separator.size()));
  if (!newer) {
    return 0;
  }
  const policy::Policy* policies[] = {&*newer};
  query::Engine engine(policies);
  for (const auto outcome : {query::Outcome::allowed, query::Outcome::explicit_deny}) {
    query::Query q;
    q.outcome = outcome;
    if (const auto found = engine.find(q)) {
      const auto decision = eval::evaluate(policies, found->request).decision;
      check(decision == (outcome == query::Outcome::allowed ? eval::Decision::allowed : eval::Decision::explicit_deny));
    }
  }
  // The privileged class (PL103's): any request found must be a write or
  // permissions-management action the catalog lists, and allowed.
  query::Query privileged;
  privileged.access_levels = {catalog::AccessLevel::write, catalog::AccessLevel::permissions_management};
  if (const auto found = engine.find(privileged)) {
    const auto action = catalog::embedded_catalog().find_action(found->request.action);
    check(action.has_value() && (action->access_level() == catalog::AccessLevel::write ||
                                 action->access_level() == catalog::AccessLevel::permissions_management));
    check(eval::evaluate(policies, found->request).decision == eval::Decision::allowed);
  }
  if (cut == std::string_view::npos) {
    return 0;
  }
  const auto older = build(input.substr(0, cut));
  if (!older) {
    return 0;
  }
  const policy::Policy* baseline[] = {&*older};
  query::Engine diff(policies, baseline);
  query::Query q;
  q.outcome = query::Outcome::newly_allowed;
  q.split_by_service = true;
  for (const auto& found : diff.find_per_action_class(q)) {
    check(eval::evaluate(policies, found.request).decision == eval::Decision::allowed);
    check(eval::evaluate(baseline, found.request).decision != eval::Decision::allowed);
  }
  return 0;
}
