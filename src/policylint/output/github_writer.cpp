// GitHub Actions workflow commands: one "::error|warning|notice file=…::message" line per
// finding, which the runner turns into annotations on the pull request (documented in
// docs/output-formats.md). Escaping follows @actions/core (toCommandValue/escapeData/
// escapeProperty): "%", CR and LF in the message; additionally ":" and "," in property values.
#include <policylint/engine/rule.hpp>
#include <policylint/output/report.hpp>
#include <policylint/output/uri.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace policylint::output {

namespace {

std::string_view command_of(engine::Level level) {
  switch (level) {
  case engine::Level::error: return "error";
  case engine::Level::warning: return "warning";
  case engine::Level::note: return "notice";
  }
  return "notice";
}

// The toolkit escapes first; other control bytes and invalid UTF-8 (untrusted policy text and
// file names) then become \xNN so that nothing can start a second command or reach the log raw.
std::string escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    case ':':
      if (property) {
        out += "%3A";
      } else {
        out.push_back(c);
      }
      break;
    case ',':
      if (property) {
        out += "%2C";
      } else {
        out.push_back(c);
      }
      break;
    default: out.push_back(c);
    }
  }
  return terminal_safe(out, false);
}

} // namespace

// Paths are repository-relative, as in SARIF: the runner resolves annotation paths against the
// repository root, so a run started in a subdirectory would otherwise annotate no file.
std::string write_github(const Report& report) {
  std::string out;
  for (const auto& d : report.diagnostics) {
    const auto level = engine::level_of(d.rule->severity);
    const auto& loc = d.location;
    const std::uint32_t end_line = std::max(loc.end.line, loc.start.line);
    const std::uint32_t end_column =
        loc.end.line <= loc.start.line && loc.end.column <= loc.start.column ? loc.start.column + 1 : loc.end.column;
    std::string message = d.message;
    if (d.counterexample) {
      message += "\ncounterexample: " + format_counterexample(*d.counterexample);
    }
    out += fmt::format("::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", command_of(level),
                       escape(repository_path(d.file, report.source_root), true), loc.start.line, loc.start.column, end_line, end_column,
                       escape(fmt::format("{} {}", d.rule->code, d.rule->name), true), escape(message, false));
  }
  return out;
}

} // namespace policylint::output
