#pragma once
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/json/value.hpp>

#include <cstdint>

namespace policylint::json {

struct ParseLimits {
  std::uint32_t max_depth = 256; // nesting levels; deeper input is refused with a position
  std::uint32_t max_statements = 1000; // statements per document (0 = no limit); enforced by the model builder
};

// Parses strict JSON (RFC 8259: no comments, no trailing commas) with simdjson On-Demand
// into a Value tree whose ranges point into `file`. On failure the Error carries
// ErrorCode::invalid_json (or limit) and the range of the offending byte.
[[nodiscard]] Result<Value> parse(const SourceFile& file, const ParseLimits& limits = {});

} // namespace policylint::json
