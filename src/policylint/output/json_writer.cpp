// The JSON report; its schema is documented in docs/output-formats.md (schemaVersion 1).
#include <policylint/engine/rule.hpp>
#include <policylint/output/counterexample_json.hpp>
#include <policylint/output/json_text.hpp>
#include <policylint/output/report.hpp>

#include <fmt/format.h>

namespace policylint::output {

namespace {
void append_position(std::string& out, const Position& p, std::uint32_t offset) {
  out += fmt::format("{{\"line\": {}, \"column\": {}, \"offset\": {}}}", p.line, p.column, offset);
}
} // namespace

std::string write_json(const Report& report) {
  std::string out = fmt::format("{{\n  \"schemaVersion\": 1,\n  \"tool\": {{\"name\": \"policylint\", \"version\": \"{}\"}},\n",
                                POLICYLINT_VERSION);
  out += fmt::format("  \"filesLinted\": {},\n  \"filesNotIam\": [", report.files_linted);
  for (std::size_t i = 0; i < report.files_not_iam.size(); ++i) {
    out += i == 0 ? "" : ", ";
    append_json_string(out, report.files_not_iam[i]);
  }
  out += "],\n  \"findings\": [";
  bool first = true;
  for (const auto& d : report.diagnostics) {
    out += first ? "\n    " : ",\n    ";
    first = false;
    out += "{\"code\": ";
    append_json_string(out, d.rule->code);
    out += ", \"rule\": ";
    append_json_string(out, d.rule->name);
    out += fmt::format(", \"severity\": \"{}\", \"level\": \"{}\", \"file\": ", engine::severity_name(d.rule->severity),
                       engine::level_name(engine::level_of(d.rule->severity)));
    append_json_string(out, d.file);
    out += ", \"start\": ";
    append_position(out, d.location.start, d.location.offset);
    out += ", \"end\": ";
    append_position(out, d.location.end, d.location.end_offset);
    out += ", \"message\": ";
    append_json_string(out, d.message);
    out += ", \"statement\": ";
    if (d.statement.empty()) {
      out += "null";
    } else {
      append_json_string(out, d.statement);
    }
    out += ", \"counterexample\": ";
    if (d.counterexample) {
      append_counterexample_json(out, *d.counterexample);
    } else {
      out += "null";
    }
    out += "}";
  }
  out += first ? "],\n" : "\n  ],\n";
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& d : report.diagnostics) {
    ++counts[static_cast<int>(engine::level_of(d.rule->severity))];
  }
  out += fmt::format("  \"summary\": {{\"findings\": {}, \"errors\": {}, \"warnings\": {}, \"notes\": {}}}\n}}\n",
                     report.diagnostics.size(), counts[2], counts[1], counts[0]);
  return out;
}

} // namespace policylint::output
