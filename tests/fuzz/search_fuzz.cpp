// libFuzzer harness for the request search: the policy (same layout as evaluator_fuzz.cpp,
// "<policy JSON>\n---\n<action>\n<resource>") is searched with query::find_request and a small
// budget for a request that is allowed, and one that is explicitly denied.
#include <policylint/core/source_file.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/request_search.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view separator = "\n---\n";
  const auto cut = input.find(separator);
  std::string_view rest = cut == std::string_view::npos ? std::string_view{} : input.substr(cut + separator.size());

  const SourceFile file("fuzz.json", std::string(input.substr(0, cut)));
  json::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_statements = 32;
  const auto root = json::parse(file, limits);
  if (!root) {
    return 0;
  }
  policy::BuildOptions options;
  options.max_statements = limits.max_statements;
  const auto built = policy::build_policy(*root, options);

  query::SearchSpace space;
  space.base.action = "s3:GetObject";
  space.base.resource = "arn:aws:s3:::bucket/key";
  if (!rest.empty()) {
    const auto nl = rest.find('\n');
    space.base.action = std::string(rest.substr(0, nl));
    if (nl != std::string_view::npos) {
      space.base.resource = std::string(rest.substr(nl + 1, rest.find('\n', nl + 1) - (nl + 1)));
    }
  }
  const policy::Policy* policies[] = {&built.policy};
  for (const auto wanted_decision : {eval::Decision::allowed, eval::Decision::explicit_deny}) {
    const auto found = query::find_request(
        policies, space, [&](const eval::Evaluation& e) { return e.decision == wanted_decision; }, 64);
    if (found) {
      // The reported request must really produce the reported decision.
      const auto again = eval::evaluate(policies, found->request);
      if (again.decision != found->evaluation.decision || again.decision != wanted_decision) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
