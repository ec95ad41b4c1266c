// A Markdown summary for $GITHUB_STEP_SUMMARY and pull-request comments: counts by level,
// then one table row per finding, then each escalation path drawn as a Mermaid diagram
// (GitHub renders it). Shape documented in docs/output-formats.md.
#include <policylint/engine/rule.hpp>
#include <policylint/output/graph_writers.hpp>
#include <policylint/output/report.hpp>

#include <fmt/format.h>

#include <cctype>

namespace policylint::output {

namespace {

// Table cells hold untrusted text (file names, quoted policy values): "|" would split the
// cell, Markdown punctuation would format it and "<" could open raw HTML. Control bytes and
// invalid UTF-8 become \xNN first, so a newline cannot end the row.
std::string md_escape(std::string_view text) {
  const std::string safe = terminal_safe(text, false);
  std::string out;
  out.reserve(safe.size());
  for (const char c : safe) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '|':
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
      out.push_back('\\');
      out.push_back(c);
      break;
    case '\t': out.push_back(' '); break;
    default: out.push_back(c);
    }
  }
  return out;
}

} // namespace

std::string write_markdown(const Report& report) {
  std::string out = "## policylint\n\n";
  if (report.diagnostics.empty()) {
    const std::string line = summary_line(report);
    out += fmt::format("{}{}.\n", static_cast<char>(std::toupper(static_cast<unsigned char>(line[0]))), line.substr(1));
    return out;
  }
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& d : report.diagnostics) {
    ++counts[static_cast<int>(engine::level_of(d.rule->severity))];
  }
  out += fmt::format("{}.\n\n", summary_line(report));
  out += "| Level | Count |\n| --- | ---: |\n";
  out += fmt::format("| error | {} |\n| warning | {} |\n| note | {} |\n\n", counts[2], counts[1], counts[0]);
  out += "| Location | Level | Code | Message |\n| --- | --- | --- | --- |\n";
  for (const auto& d : report.diagnostics) {
    out += fmt::format("| {}:{}:{} | {} | {} | {} |\n", md_escape(d.file), d.location.start.line, d.location.start.column,
                       engine::level_name(engine::level_of(d.rule->severity)), md_escape(d.rule->code),
                       md_escape(d.message));
  }
  // The paths of the cross-policy findings (user → role → ... → privilege), one diagram each;
  // the labels are escaped by mermaid_text, so no input can close the fence.
  bool heading = false;
  for (const auto& d : report.diagnostics) {
    if (!d.counterexample || d.counterexample->path.size() < 2) {
      continue;
    }
    if (!heading) {
      out += "\n### Escalation paths\n";
      heading = true;
    }
    out += fmt::format("\n{} at {}:{}:{}\n\n```mermaid\n{}```\n", md_escape(d.rule->code), md_escape(d.file),
                       d.location.start.line, d.location.start.column, mermaid_chain(d.counterexample->path));
  }
  return out;
}

} // namespace policylint::output
