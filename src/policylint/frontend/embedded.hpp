#pragma once
// Policy documents held in a string of the outer file: a JSON string in a Terraform plan or a
// CLI response (escaped), or URL-encoded as the IAM API returns them. The document is decoded,
// parsed, and its ranges translated back to the outer file (see offset_map.hpp), so findings
// point at the string's bytes in the user's file.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/json/value.hpp>

namespace policylint::frontend {

// `token` is a string value of a tree parsed from `file`. In a JSON file its range covers the
// quoted token; a YAML scalar's text is parsed as is and every range maps to the scalar's
// first byte (YAML folding makes a byte-exact map costly, and such documents are rare).
// On failure the Error's range is in `file` coordinates.
[[nodiscard]] Result<json::Value> parse_embedded_document(const SourceFile& file, const json::Value& token,
                                                          const json::ParseLimits& limits);

} // namespace policylint::frontend
