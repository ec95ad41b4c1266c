#pragma once
// Front-end selection: which kind of file is this (by content, unless forced), and the
// documents, notes and principals it holds. The runner lints what this returns.
#include <policylint/core/source_file.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/parser.hpp>

#include <optional>

namespace policylint::frontend {

// The format of a parsed JSON document: a template, a plan, a snapshot, a CLI response, a plain
// policy (also a misspelt one: iam_content.hpp), or nullopt: no IAM content.
[[nodiscard]] std::optional<InputFormat> detect_format(const json::Value& root);

// Runs the front end of `format` (not auto_detect, not policy) over a parsed root. Documents
// may point into `root`: it must outlive the extraction.
[[nodiscard]] Extraction extract(const SourceFile& file, const json::Value& root, InputFormat format,
                                 const json::ParseLimits& limits);

// YAML CloudFormation: parses the file and extracts; a YAML syntax error becomes an
// invalid-yaml note.
[[nodiscard]] Extraction extract_yaml_template(const SourceFile& file, const json::ParseLimits& limits);

// Whether a file that is not JSON should be read as a YAML template.
[[nodiscard]] bool should_try_yaml(const SourceFile& file, InputFormat format);

} // namespace policylint::frontend
