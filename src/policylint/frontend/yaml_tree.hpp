#pragma once
// Reads a YAML document (a CloudFormation/SAM template) into our JSON syntax tree, so that the
// CloudFormation front end and policy::build_policy work on YAML and JSON alike.
//
// Spans: yaml-cpp gives only a node's start (Mark.pos, the byte offset of its first token,
// the tag included). The end is found by scanning the source from there: a quoted scalar
// ends after its closing quote, a plain scalar at the end of the line, a " #" comment or
// (inside a flow collection) the next ',', ']' or '}'; a block scalar ('|', '>') spans its
// header line only; a collection ends where its last child ends (flow collections: after the
// closing bracket). Short-form tags become the long form: `!Sub x` is {"Fn::Sub": x} and
// `!Ref x` is {"Ref": x}, the key's range being the tag.
//
// yaml-cpp throws on bad input: the exceptions are caught here and only here, and become an
// Error with the offending position.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/json/value.hpp>

namespace policylint::frontend {

[[nodiscard]] Result<json::Value> parse_yaml(const SourceFile& file, std::uint32_t max_depth = 256);

// A cheap content sniff: does this text look like a CloudFormation template in YAML?
[[nodiscard]] bool looks_like_yaml_template(std::string_view text);

} // namespace policylint::frontend
