// libFuzzer harness: bytes -> hcl::parse (small depth limit) and, when it parses, the Terraform
// front end over the same bytes (symbols, aws_iam_policy_document rendering, embedded JSON,
// the principal graph). The reader must never crash, overrun or take more than linear time.
// Build and run with tests/fuzz/build-and-run.sh (clang 14, see docs/robustness.md).
#include <policylint/core/source_file.hpp>
#include <policylint/frontend/terraform_hcl.hpp>
#include <policylint/hcl/parser.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto body = policylint::hcl::parse(text, policylint::hcl::ParseLimits{64});
  if (!body) {
    const auto& range = body.error().range;
    if (!range || range->begin > size || range->end > size) {
      __builtin_trap(); // every syntax error carries a position inside the input
    }
    return 0;
  }
  const policylint::SourceFile file("fuzz.tf", text);
  policylint::json::ParseLimits limits;
  limits.max_depth = 64;
  (void)policylint::frontend::extract_terraform_hcl(file, limits);
  return 0;
}
