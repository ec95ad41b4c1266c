#pragma once
// The HCL2 native-syntax reader: a single left-to-right pass (no backtracking, so time is
// linear in the input) with a nesting limit, stopping at the first error, which carries the
// offending byte's position. Nothing is evaluated; see ast.hpp.
#include <policylint/core/expected.hpp>
#include <policylint/hcl/ast.hpp>

#include <cstdint>
#include <string_view>

namespace policylint::hcl {

struct ParseLimits {
  std::uint32_t max_depth = 256; // nested expressions and blocks
};

// Parses a whole file (a body of attributes and blocks). Errors have code invalid_json (the
// finding PL000 reports every syntax error) or limit.
[[nodiscard]] Result<Body> parse(std::string_view text, ParseLimits limits = {});

} // namespace policylint::hcl
