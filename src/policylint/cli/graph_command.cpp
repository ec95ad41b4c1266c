// `policylint graph`: the account's principal graph with its escalation edges, as DOT or
// Mermaid (docs/graph.md). Inputs are read as `check` reads them (one account for the run),
// and the graph is the one the cross-policy rules build.
#include <policylint/account/graph.hpp>
#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/cli/principal_graph.hpp>
#include <policylint/core/heap_reserve.hpp>
#include <policylint/core/parallel.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/io/inputs.hpp>
#include <policylint/io/output_file.hpp>
#include <policylint/output/graph_writers.hpp>
#include <policylint/output/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace policylint::cli {

int run_graph(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Write the account's principal graph and its escalation edges as DOT or Mermaid", program + " graph");
  std::vector<std::string> paths;
  std::vector<std::string> excludes;
  std::string format = "mermaid";
  std::string output = "-";
  bool all = false;
  app.add_option("paths", paths, "Snapshots, templates, plans, Terraform files or directories (one account)")
      ->required();
  app.add_option("-f,--format", format, "Graph format")->check(CLI::IsMember({"dot", "mermaid"}));
  app.add_option("-o,--output", output, "Write the graph to FILE (atomically; - for stdout)");
  app.add_flag("--all", all, "Draw every principal, not only the paths that end at a privileged one");
  app.add_option("--exclude", excludes, "Skip paths matching this glob (repeatable)");
  std::string input_format = "auto";
  add_input_format_option(app, input_format);
  if (const auto exit_code = parse_arguments(app, std::move(args))) {
    return *exit_code;
  }
  const io::InputSet inputs = io::collect_inputs(paths, excludes, "<stdin>");
  for (const auto& problem : inputs.problems) {
    fmt::print(stderr, "policylint: error: {}: {}\n", output::terminal_safe(problem.path, false), problem.message);
  }
  if (!inputs.problems.empty()) {
    return to_int(ExitCode::error);
  }
  engine::LintOptions options;
  options.selection.select = {"invalid-json"}; // the account is all we need from the document pass
  options.input_format = frontend::parse_format(input_format).value_or(frontend::InputFormat::auto_detect);
  account::Account account;
  std::vector<std::unique_ptr<SourceFile>> files; // the account's ranges point into them
  core::reserve_heap_for_input(io::total_size(inputs.files));
  for (const auto& input : inputs.files) {
    if (input.path == "-") {
      fmt::print(stderr, "policylint: error: graph reads files, not standard input\n");
      return to_int(ExitCode::error);
    }
    auto file = read_source_file(input.path, input.display_path, 0);
    if (!file) {
      fmt::print(stderr, "policylint: error: {}: {}\n", output::terminal_safe(input.display_path, false),
                 file.error().message);
      return to_int(ExitCode::error);
    }
    files.push_back(std::make_unique<SourceFile>(std::move(*file)));
    static_cast<void>(engine::lint_source(*files.back(), options, &account));
  }
  const account::Graph graph(account);
  const auto view = principal_graph_view(graph, {all, core::available_cores()});
  const std::string text = format == "dot" ? output::write_graph_dot(view) : output::write_graph_mermaid(view);
  if (auto ok = io::write_output(output, text); !ok) {
    fmt::print(stderr, "policylint: error: {}: {}\n", output, ok.error().message);
    return to_int(ExitCode::error);
  }
  if (graph.truncated()) {
    fmt::print(stderr, "policylint: warning: the account has more than {} (caller, role) pairs to decide; the graph "
                       "shows the assume-role edges found before that bound\n",
               account::Graph::k_max_edge_searches);
  }
  return to_int(ExitCode::clean);
}

} // namespace policylint::cli
