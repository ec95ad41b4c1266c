#include <policylint/cli/app.hpp>

#include <policylint/catalog/catalog.hpp>
#include <policylint/cli/build_info.hpp>
#include <policylint/cli/man_page.hpp>
#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <string_view>

namespace policylint::cli {

namespace {

constexpr std::string_view k_usage = R"(policylint — fast, offline static analysis for AWS IAM policies

Usage:
  policylint [check] [OPTIONS] PATH...      lint policy files and directories ("-" reads stdin)
  policylint simulate --action A [...] POLICY...
                                            evaluate one request as AWS would
  policylint diff OLD NEW | diff --git-base REV PATH...
                                            new access a change grants, with counterexamples
  policylint graph [--format dot|mermaid] [--all] PATH...
                                            the principal graph and its escalation paths
  policylint rules [--format text|json]     list the rules
  policylint explain RULE                   print a rule's documentation
  policylint catalog [--catalog FILE] [--license]
                                            the embedded AWS action catalog: source, version, counts
  policylint formats [--input]              the report formats (or input formats), one a line
  policylint --version | --help

Run "policylint COMMAND --help" for the options of a command.
)";

} // namespace

int run(int argc, char** argv) {
  const std::string program = argc > 0 ? argv[0] : "policylint";
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    args.emplace_back(argv[i]);
  }
  if (args.empty()) {
    std::fputs(k_usage.data(), stderr);
    return to_int(ExitCode::error);
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    std::fputs(k_usage.data(), stdout);
    return to_int(ExitCode::clean);
  }
  if (first == "--version" || first == "-V") {
    fmt::print("{}", version_text());
    return to_int(ExitCode::clean);
  }
  if (first == "--help-man") { // hidden: the man page, generated from the CLI (src/cmake/PolicylintPackaging.cmake)
    fmt::print("{}", man_page());
    return to_int(ExitCode::clean);
  }
  // A bare path means "check"; a file literally named like a command can be linted
  // with "policylint check rules".
  const auto rest = [&] { return std::vector<std::string>(args.begin() + 1, args.end()); };
  if (first == "check") {
    return run_lint(program, rest());
  }
  if (first == "simulate") {
    return run_simulate(program, rest());
  }
  if (first == "diff") {
    return run_diff(program, rest());
  }
  if (first == "graph") {
    return run_graph(program, rest());
  }
  if (first == "rules") {
    return run_rules(program, rest());
  }
  if (first == "explain") {
    return run_explain(program, rest());
  }
  if (first == "catalog") {
    return run_catalog(program, rest());
  }
  if (first == "formats") {
    return run_formats(program, rest());
  }
  return run_lint(program, args);
}

} // namespace policylint::cli
