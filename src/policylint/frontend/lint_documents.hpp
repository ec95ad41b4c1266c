#pragma once
// The runner's pass over the documents a front end found: build each model, report the
// structural issues and the front end's notes, run every enabled rule once per document, drop
// what the resource's Metadata suppresses, and give the built models to the account.
#include <policylint/core/source_file.hpp>
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/frontend/extraction.hpp>

#include <vector>

namespace policylint::engine {

void lint_extraction(const SourceFile& file, const LintOptions& options, frontend::Extraction& extraction,
                     const json::Value* file_root, std::vector<Diagnostic>& out);

} // namespace policylint::engine
