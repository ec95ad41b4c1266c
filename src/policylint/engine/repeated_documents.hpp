#pragma once
// An account snapshot repeats documents: one inline policy under hundreds of users, one trust
// policy under every Lambda role, a plan's policy in every instance of a module. The rules
// read a document's content and nothing of its place, so a document the rules would see
// exactly as an earlier one has that one's findings, moved to its own bytes: the document
// pass runs the rules once per distinct document (issue 15: a synthetic 80 MiB snapshot holds
// 23,392 documents, 2,567 of them distinct).
#include <policylint/core/source_file.hpp>
#include <policylint/core/source_range.hpp>
#include <policylint/engine/diagnostic.hpp>
#include <policylint/frontend/extraction.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace policylint::engine {

// For each document, the first earlier document the rules would see alike: the same bytes,
// the same tree with the same spans relative to its start, the same kind, type, resource
// service, suppressions and attachment (attached[i] for document i, as PolicyUnit holds it). nullopt for the
// first of each content, for documents not linted, and in files whose trees are not their own
// text (YAML: the same bytes can mean other values at another indentation; HCL: references
// resolve elsewhere). Hashing runs on `threads` threads (the document pass's count); the answer
// does not depend on them.
[[nodiscard]] std::vector<std::optional<std::size_t>> earlier_alike(const SourceFile& file,
                                                                    const frontend::Extraction& extraction,
                                                                    const std::vector<bool>& attached,
                                                                    unsigned threads);

// The findings of the document at `from`, moved to the same bytes at `to`. nullopt when one of
// them lies outside its document or carries a fix: the copy is then linted on its own.
[[nodiscard]] std::optional<std::vector<Diagnostic>> moved_findings(const std::vector<Diagnostic>& found,
                                                                    SourceRange from, SourceRange to);

} // namespace policylint::engine
