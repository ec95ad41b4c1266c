// JUnit XML for CI test-report viewers (GitLab, Jenkins, Azure Pipelines): one testsuite,
// a failing testcase per file with findings (in report order) and one passing testcase that
// stands for the files without findings. Shape documented in docs/output-formats.md.
#include <policylint/engine/rule.hpp>
#include <policylint/output/report.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace policylint::output {

namespace {

// Control bytes (other than tab) are not allowed in XML 1.0, not even as character
// references: terminal_safe turns them and invalid UTF-8 into \xNN first.
std::string xml_escape(std::string_view text) {
  const std::string safe = terminal_safe(text, false);
  std::string out;
  out.reserve(safe.size());
  for (const char c : safe) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    case '\t': out += "&#9;"; break;
    default: out.push_back(c);
    }
  }
  return out;
}

struct FileFindings {
  std::string_view file;
  std::vector<const engine::Diagnostic*> diagnostics;
};

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

} // namespace

std::string write_junit(const Report& report) {
  std::vector<FileFindings> files;
  for (const auto& d : report.diagnostics) {
    auto it = std::find_if(files.begin(), files.end(), [&](const FileFindings& f) { return f.file == d.file; });
    if (it == files.end()) {
      files.push_back({d.file, {}});
      it = std::prev(files.end());
    }
    it->diagnostics.push_back(&d);
  }
  const std::size_t failing = files.size();
  const std::size_t clean = report.files_linted > failing ? report.files_linted - failing : 0;
  const std::size_t tests = failing + (clean > 0 ? 1 : 0);

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"policylint\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", tests, failing);
  out += fmt::format("  <testsuite name=\"policylint\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", tests,
                     failing);
  for (const auto& f : files) {
    auto worst = engine::Level::note;
    for (const auto* d : f.diagnostics) {
      worst = std::max(worst, engine::level_of(d->rule->severity));
    }
    out += fmt::format("    <testcase classname=\"policylint\" name=\"{}\">\n", xml_escape(f.file));
    out += fmt::format("      <failure type=\"{}\" message=\"{}\">", engine::level_name(worst),
                       plural(f.diagnostics.size(), "finding"));
    for (const auto* d : f.diagnostics) {
      out += xml_escape(fmt::format("{}:{}:{}: {}: {} [{} {}]", d->file, d->location.start.line,
                                    d->location.start.column, engine::level_name(engine::level_of(d->rule->severity)),
                                    d->message, d->rule->code, d->rule->name));
      out += '\n';
      if (d->counterexample) {
        out += xml_escape("    counterexample: " + format_counterexample(*d->counterexample));
        out += '\n';
      }
    }
    out += "</failure>\n    </testcase>\n";
  }
  if (clean > 0) {
    out += fmt::format("    <testcase classname=\"policylint\" name=\"{} without findings\"/>\n", plural(clean, "file"));
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

} // namespace policylint::output
