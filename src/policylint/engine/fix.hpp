#pragma once
// A safe fix: minimal text edits to the original bytes of one file, attached to a finding.
// Edits never reformat: they replace exactly the bytes of `range` and leave the rest alone.
#include <policylint/core/source_range.hpp>

#include <string>
#include <vector>

namespace policylint::engine {

// Replace the bytes [range.begin, range.end) of the original text with `replacement`. An
// empty range is an insertion before range.begin.
struct TextEdit {
  SourceRange range;
  std::string replacement;
  Location location; // range resolved to lines and columns (filled in with the finding's)
};

// One way to resolve a finding. The edits of one fix never overlap each other and are
// applied together or not at all.
struct Fix {
  std::string description; // imperative, e.g. "Exempt calls AWS services make: add Bool aws:ViaAWSService false"
  std::vector<TextEdit> edits;
};

} // namespace policylint::engine
