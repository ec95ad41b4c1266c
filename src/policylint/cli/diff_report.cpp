#include <policylint/cli/diff_report.hpp>

#include <policylint/output/counterexample_json.hpp>
#include <policylint/output/json_text.hpp>
#include <policylint/output/report.hpp>
#include <policylint/output/uri.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace policylint::cli {

namespace {

std::string note_of(const NewAccess& a) {
  std::string note = a.old_file.empty() ? "the file is new"
                                        : fmt::format("{} in {}", eval::decision_name(a.old_decision), a.old_file);
  if (a.assumption) { // a KMS key or a role: its own policy must grant too
    note += "; " + *a.assumption;
  }
  return note;
}

engine::Counterexample counterexample_of(const NewAccess& a) {
  engine::Counterexample c;
  c.request = a.request;
  c.absent_keys = a.absent_keys;
  c.decision = eval::Decision::allowed;
  c.note = note_of(a);
  return c;
}

std::string message_of(const NewAccess& a) {
  const std::string caller = a.request.principal.empty() ? std::string()
                             : a.request.principal == "*"  ? " to an anonymous caller"
                                                          : " to " + a.request.principal;
  return fmt::format("new access: statement {} allows {}{}, which the old version does not ({})", a.statement,
                     a.request.action, caller, note_of(a));
}

std::size_t file_count(const DiffReport& r) {
  std::vector<std::string> files;
  for (const auto& a : r.items) {
    if (std::find(files.begin(), files.end(), a.file) == files.end()) {
      files.push_back(a.file);
    }
  }
  return files.size();
}

constexpr const char* k_rule_id = "new-access";
constexpr const char* k_rule_help =
    "The new version of the policy allows a request that the old version does not. The result "
    "shows one such request per newly reachable action class, confirmed by policylint's "
    "evaluator, and the statement of the new version that allows it. See docs/diff.md.";

} // namespace

std::string write_diff_text(const DiffReport& report) {
  std::string out;
  for (const auto& a : report.items) {
    out += fmt::format("{}:{}:{}: {}\n", output::terminal_safe(a.file, false), a.location.start.line,
                       a.location.start.column, output::terminal_safe(message_of(a), false));
    out += fmt::format("      = counterexample: {}\n",
                       output::terminal_safe(output::format_counterexample(counterexample_of(a)), false));
  }
  if (report.items.empty()) {
    out += fmt::format("no new access ({} file{} compared)\n", report.files_compared,
                       report.files_compared == 1 ? "" : "s");
  } else {
    out += fmt::format("{} new access path{} in {} of {} file{} compared\n", report.items.size(),
                       report.items.size() == 1 ? "" : "s", file_count(report), report.files_compared,
                       report.files_compared == 1 ? "" : "s");
  }
  if (!report.exact) {
    out += "note: an approximation applied (docs/query.md); \"no new access\" is not a proof for these files\n";
  }
  return out;
}

std::string write_diff_json(const DiffReport& report) {
  std::string out = fmt::format("{{\"files_compared\": {}, \"exact\": {}, \"new_access\": [", report.files_compared,
                                report.exact ? "true" : "false");
  for (std::size_t i = 0; i < report.items.size(); ++i) {
    const auto& a = report.items[i];
    out += i == 0 ? "\n  {" : ",\n  {";
    out += "\"file\": ";
    output::append_json_string(out, a.file);
    out += ", \"old_file\": ";
    out += a.old_file.empty() ? "null" : output::json_string(a.old_file);
    out += fmt::format(", \"line\": {}, \"column\": {}, \"end_line\": {}, \"end_column\": {}, \"statement\": ",
                       a.location.start.line, a.location.start.column, a.location.end.line, a.location.end.column);
    output::append_json_string(out, a.statement);
    out += ", \"action\": ";
    output::append_json_string(out, a.request.action);
    out += fmt::format(", \"old_decision\": \"{}\", \"message\": ", a.old_file.empty() ? "absent" : eval::decision_name(a.old_decision));
    output::append_json_string(out, message_of(a));
    out += ", \"counterexample\": ";
    output::append_counterexample_json(out, counterexample_of(a));
    out += "}";
  }
  out += report.items.empty() ? "]}\n" : "\n]}\n";
  return out;
}

std::string write_diff_sarif(const DiffReport& report) {
  std::string out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n";
  out += "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"policylint\", ";
  out += fmt::format("\"version\": \"{0}\", \"semanticVersion\": \"{0}\", ", POLICYLINT_VERSION);
  out += "\"informationUri\": \"https://github.com/policylint/policylint\", \"rules\": [\n      {\"id\": ";
  output::append_json_string(out, k_rule_id);
  out += ", \"name\": \"NewAccess\", \"shortDescription\": {\"text\": \"The change grants access the old version did not\"}, "
         "\"fullDescription\": {\"text\": ";
  output::append_json_string(out, k_rule_help);
  out += "}, \"help\": {\"text\": ";
  output::append_json_string(out, k_rule_help);
  out += "}, \"defaultConfiguration\": {\"level\": \"warning\"}, \"properties\": {\"tags\": [\"security\", \"diff\"], "
         "\"precision\": \"very-high\", \"security-severity\": \"7.0\"}}\n    ]}},\n";
  out += "    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": {\"text\": \"The repository root\"}}},\n";
  out += "    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [";
  for (std::size_t i = 0; i < report.items.size(); ++i) {
    const auto& a = report.items[i];
    out += i == 0 ? "\n      " : ",\n      ";
    out += "{\"ruleId\": ";
    output::append_json_string(out, k_rule_id);
    out += ", \"ruleIndex\": 0, \"level\": \"warning\", \"message\": {\"text\": ";
    output::append_json_string(out, message_of(a) + ". Counterexample: " +
                                        output::format_counterexample(counterexample_of(a)));
    const output::ArtifactUri uri = output::artifact_uri(a.file, report.source_root);
    out += "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ";
    output::append_json_string(out, uri.uri);
    if (uri.relative) {
      out += ", \"uriBaseId\": \"%SRCROOT%\"";
    }
    const auto& loc = a.location;
    const std::uint32_t end_line = std::max(loc.end.line, loc.start.line);
    const std::uint32_t end_column =
        end_line == loc.start.line && loc.end.column <= loc.start.column ? loc.start.column + 1 : loc.end.column;
    out += fmt::format("}}, \"region\": {{\"startLine\": {}, \"startColumn\": {}, \"endLine\": {}, \"endColumn\": {}}}}}}}]",
                       loc.start.line, loc.start.column, end_line, end_column);
    out += ", \"properties\": {\"counterexample\": ";
    output::append_counterexample_json(out, counterexample_of(a));
    out += "}}";
  }
  out += report.items.empty() ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n";
  return out;
}

} // namespace policylint::cli
