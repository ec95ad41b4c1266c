// `policylint formats [--input]`: the report formats of `check --format` (or, with --input, the
// names --input-format takes), one per line, from the tables the commands themselves use, so
// that the shell completion and the GitHub Action never keep a list of their own.
#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/output/formats.hpp>

#include <fmt/format.h>

namespace policylint::cli {

int run_formats(const std::string& program, std::vector<std::string> args) {
  CLI::App app("List the report formats (or input formats)", program + " formats");
  bool input = false;
  app.add_flag("--input", input, "The input formats that --input-format takes");
  if (const auto exit_code = parse_arguments(app, std::move(args))) {
    return *exit_code;
  }
  if (input) {
    for (const auto& name : frontend::format_names()) {
      fmt::print("{}\n", name);
    }
  } else {
    for (const auto& f : output::formats()) {
      fmt::print("{}\n", f.name);
    }
  }
  return to_int(ExitCode::clean);
}

} // namespace policylint::cli
