// libFuzzer harness: bytes -> SourceFile -> json::parse (small limits) -> policy::build_policy
// (auto-detected kind and every --kind) -> eval::statement_applies for each statement with a
// fixed request. Build and run with tests/fuzz/build-and-run.sh (clang 14, see docs/robustness.md).
#include <policylint/core/source_file.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace {

const policylint::eval::Request& fixed_request() {
  static const policylint::eval::Request request = [] {
    policylint::eval::Request r;
    r.action = "s3:GetObject";
    r.resource = "arn:aws:s3:::example-bucket/home/alice/file.txt";
    r.principal = "arn:aws:iam::123456789012:user/alice";
    r.add_context("aws:SourceIp", "203.0.113.7");
    r.add_context("aws:username", "alice");
    r.add_context("aws:SecureTransport", "true");
    r.add_context("aws:CurrentTime", "2024-05-01T12:00:00Z");
    r.add_context("aws:MultiFactorAuthAge", "300");
    r.add_context("aws:PrincipalArn", "arn:aws:iam::123456789012:user/alice");
    r.add_context("aws:TagKeys", "team");
    r.add_context("aws:TagKeys", "env");
    r.add_context("s3:prefix", "home/alice/");
    return r;
  }();
  return request;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const SourceFile file("fuzz.json", std::string(reinterpret_cast<const char*>(data), size));
  json::ParseLimits limits;
  limits.max_depth = 64;
  limits.max_statements = 64;
  const auto root = json::parse(file, limits);
  if (!root) {
    return 0;
  }
  const std::optional<policy::PolicyKind> kinds[] = {std::nullopt, policy::PolicyKind::identity,
                                                     policy::PolicyKind::trust, policy::PolicyKind::resource};
  for (const auto& kind : kinds) {
    policy::BuildOptions options;
    options.forced_kind = kind;
    options.max_statements = limits.max_statements;
    const auto built = policy::build_policy(*root, options);
    for (const auto& statement : built.policy.statements) {
      (void)statement.label();
      (void)eval::statement_applies(built.policy, statement, fixed_request());
    }
    (void)eval::evaluate(built.policy, fixed_request());
  }
  return 0;
}
