// `policylint diff OLD NEW` / `policylint diff --git-base REV PATH...`: does the new version
// allow any request the old one does not? One confirmed counterexample per newly reachable
// action class (per service), with the statement responsible (docs/diff.md).
#include <policylint/cli/commands.hpp>
#include <policylint/cli/diff_inputs.hpp>
#include <policylint/cli/diff_report.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/io/output_file.hpp>
#include <policylint/cli/terminal.hpp>
#include <policylint/lint/policy_documents.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/absent_keys.hpp>
#include <policylint/query/engine.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <policylint/eval/required_resource_policy.hpp>

#include <map>
#include <optional>
#include <array>
#include <tuple>

namespace policylint::cli {

namespace {

// The new access of one document: every request class `new_policy` allows that `old_policy`
// (nullptr: the document is new) does not, appended to `report`.
void compare(const SourceFile& new_file, const std::string& old_path, const policy::Policy& new_policy,
             const policy::Policy* old_policy, DiffReport& report) {
  const std::array<const policy::Policy*, 1> new_set{&new_policy};
  std::vector<const policy::Policy*> old_set;
  if (old_policy != nullptr) {
    old_set.push_back(old_policy);
  }
  query::Engine engine(new_set, old_set);
  query::Query q;
  q.outcome = query::Outcome::newly_allowed;
  q.split_by_service = true;
  q.split_by_principal = true; // identity policies have one class of caller anyway
  q.typed_resources = true;    // "new access" is shown as a request AWS can make (docs/query.md)
  for (auto& found : engine.find_per_action_class(q)) {
    if (found.evaluation.deciding.empty() || !found.baseline) {
      continue; // cannot happen for a confirmed newly_allowed request
    }
    const policy::Statement& st = *found.evaluation.deciding.front().statement;
    NewAccess a;
    a.file = new_file.path();
    a.old_file = old_path;
    a.location = new_file.locate(st.range);
    a.statement = st.label();
    a.request = std::move(found.request);
    const std::array<const policy::Policy*, 2> both{&new_policy, old_policy};
    a.absent_keys = query::absent_condition_keys(std::span(both.data(), old_policy != nullptr ? 2U : 1U), a.request);
    a.old_decision = found.baseline->decision;
    if (new_policy.kind == policy::PolicyKind::identity) {
      a.assumption = eval::resource_policy_assumption(a.request.action);
    }
    report.items.push_back(std::move(a));
  }
  report.exact = report.exact && engine.last_exact();
}

// One pair of files, in any input format (frontend::load): documents are matched by their
// place in the input (a template's resource and property, a snapshot's principal and policy
// name; a plain policy file is one document), and a document only in NEW is new access.
Result<void> compare(DiffPair& pair, frontend::InputFormat format, std::optional<policy::PolicyKind> kind,
                     DiffReport& report) {
  POLICYLINT_TRY_ASSIGN(const lint::PolicyDocuments new_docs,
                        lint::load_policy_documents(std::move(pair.new_file), format, kind));
  lint::PolicyDocuments old_docs;
  if (pair.old_file) {
    POLICYLINT_TRY_ASSIGN(old_docs, lint::load_policy_documents(std::move(pair.old_file), format, kind));
  }
  std::map<std::string, const policy::Policy*> old_by_origin;
  for (const auto& d : old_docs.documents) {
    old_by_origin.emplace(d.origin, &d.policy);
  }
  const std::string old_path = old_docs.file ? old_docs.file->path() : std::string();
  for (const auto& d : new_docs.documents) {
    const auto old = old_by_origin.find(d.origin);
    compare(*new_docs.file, old_path, d.policy, old == old_by_origin.end() ? nullptr : old->second, report);
  }
  ++report.files_compared;
  return {};
}

} // namespace

int run_diff(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Does the new version of a policy allow any request the old one does not?", program + " diff");
  std::vector<std::string> paths;
  std::string git_base;
  std::string format = "text";
  std::string output = "-";
  std::string kind;
  app.add_option("paths", paths, "OLD NEW (two files or two directories), or PATH... with --git-base");
  app.add_option("--git-base", git_base, "Compare PATH... with their content at this git revision");
  app.add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
  app.add_option("-o,--output", output, "Write the report to FILE (atomically; - for stdout)");
  add_kind_option(app, kind, "Treat every policy as this kind");
  std::string input_format = "auto";
  add_input_format_option(app, input_format);
  if (const auto exit_code = parse_arguments(app, std::move(args))) {
    return *exit_code;
  }
  if (git_base.empty() && paths.size() != 2) {
    fmt::print(stderr, "policylint: error: diff takes OLD NEW, or --git-base REV PATH...\n");
    return to_int(ExitCode::error);
  }
  if (!git_base.empty() && paths.empty()) {
    fmt::print(stderr, "policylint: error: diff --git-base REV needs at least one PATH\n");
    return to_int(ExitCode::error);
  }
  auto pairs = git_base.empty() ? pair_paths(paths[0], paths[1]) : pair_with_git(git_base, paths);
  if (!pairs) {
    fmt::print(stderr, "policylint: error: {}\n", pairs.error().message);
    return to_int(ExitCode::error);
  }
  std::optional<policy::PolicyKind> forced_kind;
  if (!kind.empty()) {
    forced_kind = policy::parse_kind(kind);
  }
  const auto read_as = frontend::parse_format(input_format).value_or(frontend::InputFormat::auto_detect);
  DiffReport report;
  report.source_root = find_source_root();
  for (auto& pair : *pairs) {
    if (auto ok = compare(pair, read_as, forced_kind, report); !ok) {
      fmt::print(stderr, "policylint: error: {}\n", ok.error().message);
      return to_int(ExitCode::error);
    }
  }
  std::sort(report.items.begin(), report.items.end(), [](const NewAccess& a, const NewAccess& b) {
    return std::tie(a.file, a.location.start.line, a.location.start.column, a.request.action, a.request.principal) <
           std::tie(b.file, b.location.start.line, b.location.start.column, b.request.action, b.request.principal);
  });
  const std::string text = format == "json"    ? write_diff_json(report)
                           : format == "sarif" ? write_diff_sarif(report)
                                               : write_diff_text(report);
  if (auto ok = io::write_output(output, text); !ok) {
    fmt::print(stderr, "policylint: error: {}: {}\n", output, ok.error().message);
    return to_int(ExitCode::error);
  }
  return to_int(report.items.empty() ? ExitCode::clean : ExitCode::findings);
}

} // namespace policylint::cli
