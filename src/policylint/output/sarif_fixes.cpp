#include <policylint/output/sarif_fixes.hpp>

#include <policylint/output/json_text.hpp>

#include <fmt/format.h>

namespace policylint::output {

void append_sarif_fixes(std::string& out, const engine::Diagnostic& finding, const ArtifactUri& uri) {
  if (finding.fixes.empty()) {
    return;
  }
  out += ", \"fixes\": [";
  for (std::size_t i = 0; i < finding.fixes.size(); ++i) {
    const engine::Fix& fix = finding.fixes[i];
    out += i == 0 ? "{\"description\": {\"text\": " : ", {\"description\": {\"text\": ";
    append_json_string(out, fix.description);
    out += "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ";
    append_json_string(out, uri.uri);
    if (uri.relative) {
      out += ", \"uriBaseId\": \"%SRCROOT%\"";
    }
    out += "}, \"replacements\": [";
    for (std::size_t j = 0; j < fix.edits.size(); ++j) {
      const engine::TextEdit& e = fix.edits[j];
      const Location& loc = e.location;
      // An insertion is an empty region: endColumn == startColumn (§3.30.1). Byte offsets
      // say the same in the file's bytes, for tools that edit bytes.
      out += fmt::format("{}{{\"deletedRegion\": {{\"startLine\": {}, \"startColumn\": {}, \"endLine\": {}, "
                         "\"endColumn\": {}, \"byteOffset\": {}, \"byteLength\": {}}}",
                         j == 0 ? "" : ", ", loc.start.line, loc.start.column, loc.end.line, loc.end.column,
                         e.range.begin, e.range.end - e.range.begin);
      if (!e.replacement.empty()) {
        out += ", \"insertedContent\": {\"text\": ";
        append_json_string(out, e.replacement);
        out += "}";
      }
      out += "}";
    }
    out += "]}]}";
  }
  out += "]";
}

} // namespace policylint::output
