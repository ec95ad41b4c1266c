// libFuzzer harness for the evaluator. Input layout:
//   <policy JSON>\n---\n<request lines>
// Request lines: "action=...", "resource=...", "principal=...", any other "key=value" adds a
// context value (repeat a key for a multi-valued key), "-key" removes a key. Without a
// separator the whole input is the policy and a default request is used. Seeds with
// conditions of every operator family are written by tests/fuzz/build-and-run.sh.
#include <policylint/core/source_file.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

policylint::eval::Request parse_request(std::string_view text) {
  policylint::eval::Request r;
  r.action = "s3:GetObject";
  r.resource = "arn:aws:s3:::bucket/key";
  std::size_t lines = 0;
  while (!text.empty() && lines++ < 256) {
    const auto nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty()) {
      continue;
    }
    if (line.front() == '-') {
      r.remove_context(std::string(line.substr(1)));
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      continue;
    }
    const std::string key(line.substr(0, eq));
    std::string value(line.substr(eq + 1));
    if (key == "action") {
      r.action = std::move(value);
    } else if (key == "resource") {
      r.resource = std::move(value);
    } else if (key == "principal") {
      r.principal = std::move(value);
    } else {
      r.add_context(key, std::move(value));
    }
  }
  return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view separator = "\n---\n";
  const auto cut = input.find(separator);
  const std::string_view policy_text = input.substr(0, cut);
  const std::string_view request_text =
      cut == std::string_view::npos ? std::string_view{} : input.substr(cut + separator.size());

  const SourceFile file("fuzz.json", std::string(policy_text));
  json::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_statements = 64;
  const auto root = json::parse(file, limits);
  if (!root) {
    return 0;
  }
  policy::BuildOptions options;
  options.max_statements = limits.max_statements;
  const auto built = policy::build_policy(*root, options);
  const auto request = parse_request(request_text);
  const auto result = eval::evaluate(built.policy, request);
  (void)eval::decision_name(result.decision);
  for (const auto& ref : result.deciding) {
    if (ref.statement == nullptr || ref.policy != &built.policy) {
      __builtin_trap(); // deciding statements must point into the evaluated policy
    }
  }
  return 0;
}
