#pragma once
// Check files may also be YAML (*.yaml, *.yml): yaml-cpp parses them and this turns the
// result into the same json::Value tree the JSON front end produces, each node's range
// starting at its yaml-cpp mark, so every loader message keeps its line and column.
// Plain scalars are typed as YAML 1.2's core schema does (null, true/false, numbers);
// quoted scalars are strings. Only the start of a node is known: ranges are one byte long.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/json/value.hpp>

namespace policylint::custom {

// Errors (syntax, nesting deeper than 64, more than 100,000 nodes after alias expansion)
// carry the offending position.
[[nodiscard]] Result<json::Value> parse_yaml(const SourceFile& file);

} // namespace policylint::custom
