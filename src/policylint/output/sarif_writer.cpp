// SARIF 2.1.0 as GitHub code scanning reads it (docs/output-formats.md): one run, the full
// rule set in code order, repository-relative URIs under %SRCROOT%, 1-based columns in
// Unicode code points, security-severity on security rules.
#include <policylint/engine/registry.hpp>
#include <policylint/output/counterexample_json.hpp>
#include <policylint/output/json_text.hpp>
#include <policylint/output/report.hpp>
#include <policylint/output/sarif_limits.hpp>
#include <policylint/output/sarif_fixes.hpp>
#include <policylint/output/uri.hpp>

#include <fmt/format.h>

#include <map>

namespace policylint::output {

namespace {

std::string sarif_level(engine::Severity s) {
  return std::string(engine::level_name(engine::level_of(s)));
}

// The README's first paragraph after the title: one to three sentences.
std::string full_description(const engine::RuleInfo& rule) {
  std::string what(rule.doc_section("What it does"));
  while (!what.empty() && (what.front() == '\n' || what.front() == ' ')) {
    what.erase(what.begin());
  }
  const auto end = what.find("\n\n");
  what = what.substr(0, end);
  for (char& c : what) {
    c = c == '\n' ? ' ' : c;
  }
  if (what.size() > 1000) {
    what.resize(997);
    what += "...";
  }
  return what.empty() ? rule.summary : what;
}

void append_rule(std::string& out, const engine::RuleInfo& rule) {
  out += "{\"id\": ";
  append_json_string(out, rule.code);
  out += ", \"name\": ";
  append_json_string(out, rule.pascal_name());
  out += ", \"shortDescription\": {\"text\": ";
  append_json_string(out, rule.summary);
  out += "}, \"fullDescription\": {\"text\": ";
  append_json_string(out, full_description(rule));
  out += "}, \"help\": {\"text\": ";
  append_json_string(out, rule.readme);
  out += ", \"markdown\": ";
  append_json_string(out, rule.readme);
  out += "}, \"defaultConfiguration\": {\"level\": ";
  append_json_string(out, sarif_level(rule.severity));
  out += "}, \"properties\": {\"tags\": [";
  for (std::size_t i = 0; i < rule.tags.size() && i < 10; ++i) {
    out += i == 0 ? "" : ", ";
    append_json_string(out, rule.tags[i]);
  }
  out += "], \"precision\": ";
  append_json_string(out, rule.precision);
  const auto score = engine::security_severity_score(rule.severity);
  if (rule.security && !score.empty()) {
    out += ", \"security-severity\": ";
    append_json_string(out, score);
  } else {
    const auto level = engine::level_of(rule.severity);
    out += ", \"problem.severity\": ";
    append_json_string(out, level == engine::Level::note ? "recommendation" : engine::level_name(level));
  }
  out += "}}";
}

} // namespace

std::string write_sarif(const Report& report) {
  std::string out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n";
  out += "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"policylint\", ";
  out += fmt::format("\"version\": \"{0}\", \"semanticVersion\": \"{0}\", ", POLICYLINT_VERSION);
  out += "\"informationUri\": \"https://github.com/policylint/policylint\", \"rules\": [";
  const auto rules = engine::rules_with(report.custom_rules);
  // By code: a config severity override reports through a copy of the rule; codes are
  // unique across built-in rules and custom checks.
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    out += i == 0 ? "\n      " : ",\n      ";
    append_rule(out, *rules[i]);
    index_of.emplace(rules[i]->code, i);
  }
  out += "\n    ]}},\n";
  out += "    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"description\": {\"text\": \"The repository root\"}}},\n";
  out += "    \"columnKind\": \"unicodeCodePoints\",\n";
  if (!report.files_not_iam.empty()) { // inputs with no IAM content, skipped (docs/inputs.md)
    out += "    \"properties\": {\"filesNotIam\": [";
    for (std::size_t i = 0; i < report.files_not_iam.size(); ++i) {
      out += i == 0 ? "" : ", ";
      append_json_string(out, report.files_not_iam[i]);
    }
    out += "]},\n";
  }
  out += "    \"results\": [";
  bool first = true;
  for (const std::size_t kept : sarif_kept(report.diagnostics)) {
    const engine::Diagnostic& d = report.diagnostics[kept];
    out += first ? "\n      " : ",\n      ";
    first = false;
    out += "{\"ruleId\": ";
    append_json_string(out, d.rule->code);
    const auto index = index_of.find(d.rule->code); // every finding's rule is listed; see rules_with
    out += fmt::format(", \"ruleIndex\": {}, \"level\": ", index == index_of.end() ? 0 : index->second);
    append_json_string(out, sarif_level(d.rule->severity));
    out += ", \"message\": {\"text\": ";
    std::string message = d.message;
    if (d.counterexample) {
      message += ". Counterexample: " + format_counterexample(*d.counterexample);
    }
    append_json_string(out, message);
    const ArtifactUri uri = artifact_uri(d.file, report.source_root);
    out += "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ";
    append_json_string(out, uri.uri);
    if (uri.relative) {
      out += ", \"uriBaseId\": \"%SRCROOT%\"";
    }
    const auto& loc = d.location;
    const std::uint32_t end_column =
        loc.end.line == loc.start.line && loc.end.column <= loc.start.column ? loc.start.column + 1 : loc.end.column;
    out += fmt::format("}}, \"region\": {{\"startLine\": {}, \"startColumn\": {}, \"endLine\": {}, \"endColumn\": {}}}}}}}]",
                       loc.start.line, loc.start.column, std::max(loc.end.line, loc.start.line), end_column);
    append_sarif_fixes(out, d, uri);
    out += ", \"properties\": {";
    out += "\"severity\": ";
    append_json_string(out, engine::severity_name(d.rule->severity));
    if (d.counterexample) {
      out += ", \"counterexample\": ";
      append_counterexample_json(out, *d.counterexample);
    }
    out += "}}";
  }
  out += first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n";
  return out;
}

} // namespace policylint::output
