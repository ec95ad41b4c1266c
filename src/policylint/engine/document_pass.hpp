#pragma once
// The one pass over the documents of an input, whatever its format (a plain policy file is a
// one-document extraction): report the front end's notes, build each model and report its
// structural issues, run every enabled rule and custom check once per document, drop what the
// enclosing resource's Metadata suppresses, name each finding's place with a JSON pointer,
// attach fixes where the document is the file's own JSON text, and give the built models to
// the account.
#include <policylint/core/source_file.hpp>
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/frontend/extraction.hpp>

#include <vector>

namespace policylint::engine {

void lint_extraction(const SourceFile& file, const LintOptions& options, frontend::Extraction& extraction,
                     std::vector<Diagnostic>& out);

} // namespace policylint::engine
