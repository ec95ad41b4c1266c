#pragma once
// SARIF 2.1.0 `fixes` (§3.55): each fix of a finding as one artifactChange with its
// replacements (deletedRegion + insertedContent).
#include <policylint/engine/diagnostic.hpp>
#include <policylint/output/uri.hpp>

#include <string>

namespace policylint::output {

// Appends `, "fixes": [...]` to a result object being written; nothing when the finding has none.
void append_sarif_fixes(std::string& out, const engine::Diagnostic& finding, const ArtifactUri& uri);

} // namespace policylint::output
