// `policylint diff OLD NEW` / `policylint diff --git-base REV PATH...`: does the new version
// allow any request the old one does not? One confirmed counterexample per newly reachable
// action class (per service), with the statement responsible (docs/diff.md).
#include <policylint/cli/commands.hpp>
#include <policylint/cli/diff_inputs.hpp>
#include <policylint/cli/diff_report.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/cli/output_file.hpp>
#include <policylint/cli/terminal.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/absent_keys.hpp>
#include <policylint/query/engine.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace policylint::cli {

namespace {

Result<policy::Policy> load(const SourceFile& file, const policy::BuildOptions& options) {
  auto tree = json::parse(file);
  if (!tree) {
    const Position p = file.position(tree.error().range ? tree.error().range->begin : 0);
    return fail(Error(ErrorCode::invalid_json,
                      fmt::format("{}:{}:{}: {}", file.path(), p.line, p.column, tree.error().message)));
  }
  return policy::build_policy(*tree, options).policy;
}

// The new access of one pair, appended to `report`.
Result<void> compare(const DiffPair& pair, const policy::BuildOptions& options, DiffReport& report) {
  POLICYLINT_TRY_ASSIGN(const policy::Policy new_policy, load(*pair.new_file, options));
  policy::Policy old_policy;
  if (pair.old_file) {
    POLICYLINT_TRY_ASSIGN(old_policy, load(*pair.old_file, options));
  }
  const std::array<const policy::Policy*, 1> new_set{&new_policy};
  std::vector<const policy::Policy*> old_set;
  if (pair.old_file) {
    old_set.push_back(&old_policy);
  }
  query::Engine engine(new_set, old_set);
  query::Query q;
  q.outcome = query::Outcome::newly_allowed;
  q.split_by_service = true;
  q.split_by_principal = true; // identity policies have one class of caller anyway
  for (auto& found : engine.find_per_action_class(q)) {
    if (found.evaluation.deciding.empty() || !found.baseline) {
      continue; // cannot happen for a confirmed newly_allowed request
    }
    const policy::Statement& st = *found.evaluation.deciding.front().statement;
    NewAccess a;
    a.file = pair.new_file->path();
    a.old_file = pair.old_file ? pair.old_file->path() : std::string();
    a.location = pair.new_file->locate(st.range);
    a.statement = st.label();
    a.request = std::move(found.request);
    const std::array<const policy::Policy*, 2> both{&new_policy, &old_policy};
    a.absent_keys = query::absent_condition_keys(std::span(both.data(), pair.old_file ? 2U : 1U), a.request);
    a.old_decision = found.baseline->decision;
    report.items.push_back(std::move(a));
  }
  report.exact = report.exact && engine.last_exact();
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
  policy::BuildOptions options;
  if (!kind.empty()) {
    options.forced_kind = policy::parse_kind(kind);
  }
  DiffReport report;
  report.source_root = find_source_root();
  for (const auto& pair : *pairs) {
    if (auto ok = compare(pair, options, report); !ok) {
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
  if (auto ok = write_output(output, text); !ok) {
    fmt::print(stderr, "policylint: error: {}: {}\n", output, ok.error().message);
    return to_int(ExitCode::error);
  }
  return to_int(report.items.empty() ? ExitCode::clean : ExitCode::findings);
}

} // namespace policylint::cli
