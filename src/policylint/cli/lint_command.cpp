#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/cli/progress.hpp>
#include <policylint/lint/run.hpp>
#include <policylint/io/output_file.hpp>
#include <policylint/cli/terminal.hpp>
#include <policylint/custom/rule_set.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/output/formats.hpp>
#include <policylint/output/sarif_limits.hpp>
#include <policylint/policy/builder.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>

namespace policylint::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> exclude;
  std::string kind;
  std::string policy_type;
  std::vector<std::string> scps;
  std::vector<std::string> rcps;
  std::string stdin_filename;
  std::string fail_on = "warning";
  bool exit_zero = false;
  std::string color = "auto";
  bool quiet = false;
  std::optional<std::uint64_t> max_file_size; // default: per kind (lint/size_limits.hpp)
  std::uint32_t max_depth = 256;
  std::uint32_t max_statements = 1000;
  std::string catalog_file;
  std::vector<std::string> rules_dirs;
  std::string config_file; // --config
  bool no_config = false;  // --no-config
  std::string baseline;       // --baseline
  std::string write_baseline; // --write-baseline
  bool fail_on_stale = false; // --fail-on-stale
  bool fix = false;
  bool diff = false;
  std::string input_format = "auto";
  std::string account_scope = "file";
  unsigned jobs = 0; // -j: 0 = the cores available
};

} // namespace

int run_lint(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Lint IAM policy files", program + " check");
  LintArgs a;
  app.add_option("paths", a.paths, "Policy files or directories (directories: *.json and CloudFormation *.yaml/*.yml/*.template, recursively); - for stdin")
      ->required();
  std::vector<std::string> format_names;
  for (const auto& f : output::formats()) {
    format_names.emplace_back(f.name);
  }
  app.add_option("-f,--format", a.format, "Output format (policylint formats lists them)")->check(CLI::IsMember(format_names));
  app.add_option("-o,--output", a.output, "Write the report to FILE (atomically) instead of stdout");
  // One value per occurrence (comma lists allowed), so that "--select PL101 policies/"
  // leaves the path to the positional arguments.
  const auto one_each = [](CLI::Option* o) {
    o->allow_extra_args(false);
  };
  one_each(app.add_option("--select", a.select, "Only these rules: codes, code prefixes (PL1), names or categories")
               ->delimiter(','));
  one_each(app.add_option("--ignore", a.ignore, "Skip these rules (same forms as --select)")->delimiter(','));
  one_each(app.add_option("--exclude", a.exclude, "Skip paths matching this glob (repeatable)"));
  add_kind_option(app, a.kind, "Treat every input as this policy kind");
  add_policy_type_option(app, a.policy_type);
  one_each(app.add_option("--scp", a.scps, "A service control policy that binds every input's principals (repeatable)"));
  one_each(app.add_option("--rcp", a.rcps, "A resource control policy that binds every input's resources (repeatable)"));
  app.add_option("--stdin-filename", a.stdin_filename, "The name to report for input read from stdin");
  app.add_option("--fail-on", a.fail_on, "Exit 1 when a finding is at or above this level")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}));
  app.add_flag("--exit-zero", a.exit_zero, "Exit 0 even when there are findings");
  app.add_option("--color", a.color, "Colour the text output")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", a.quiet, "Do not print the summary line");
  app.add_option("-j,--jobs", a.jobs, "Lint this many files at once (default: the cores available); the output is the same for any N");
  app.add_option("--max-file-size", a.max_file_size,
                 "Largest input in bytes, any kind (0 = no limit; default: 10 MiB for a policy, 256 MiB for a template, plan or snapshot)");
  app.add_option("--max-depth", a.max_depth, "Deepest JSON nesting accepted")->check(CLI::Range(2U, 1000U));
  app.add_option("--max-statements", a.max_statements, "Most statements analysed per policy (0 = no limit)");
  app.add_option("--catalog", a.catalog_file, "Use this AWS action catalog file instead of the embedded one");
  one_each(app.add_option("--rules", a.rules_dirs, "Also run the custom checks in DIR/*.json (repeatable; see docs/custom-checks.md)"));
  app.add_option("--config", a.config_file, "Use this configuration file for every input (no discovery)");
  app.add_flag("--no-config", a.no_config, "Ignore configuration files");
  app.add_option("--baseline", a.baseline, "Report only findings not recorded in this baseline file");
  app.add_option("--write-baseline", a.write_baseline, "Record the current findings in this baseline file (atomically)");
  app.add_flag("--fail-on-stale", a.fail_on_stale, "Exit 1 when baseline entries no longer match a finding");
  app.add_flag("--fix", a.fix, "Apply the safe fixes of the findings to the files (atomically), then report what remains");
  app.add_flag("--diff", a.diff, "Print the safe fixes as a unified diff; write nothing (exit 1 when there are fixes)");
  app.add_option("--account-scope", a.account_scope,
                 "Cross-policy rules: each file is its own account (file), or all inputs are one (run)")
      ->check(CLI::IsMember({"file", "run"}));
  add_input_format_option(app, a.input_format);
  if (const auto exit_code = parse_arguments(app, std::move(args))) {
    return *exit_code;
  }

  engine::LintOptions options;
  catalog::Catalog loaded_catalog;
  if (!a.catalog_file.empty()) {
    auto loaded = catalog::load_catalog_file(a.catalog_file);
    if (!loaded) {
      fmt::print(stderr, "policylint: error: {}: {}\n", a.catalog_file, loaded.error().message);
      return to_int(ExitCode::error);
    }
    loaded_catalog = std::move(*loaded);
    options.catalog = &loaded_catalog;
  }
  custom::CustomRuleSet custom_checks;
  if (!custom::load_for_command(a.rules_dirs, options.catalog != nullptr ? *options.catalog : catalog::embedded_catalog(),
                                custom_checks)) {
    return to_int(ExitCode::error);
  }
  options.runtime_rules = custom_checks.rules();
  const auto custom_rules = custom_checks.infos();
  options.selection.select = a.select;
  options.selection.ignore = a.ignore;
  options.limits.max_depth = a.max_depth;
  options.limits.max_statements = a.max_statements;
  options.input_format = frontend::parse_format(a.input_format).value_or(frontend::InputFormat::auto_detect);
  if (!a.kind.empty()) {
    options.forced_kind = policy::parse_kind(a.kind);
  }
  if (!a.policy_type.empty()) {
    options.policy_type = policy::parse_type(a.policy_type);
  }
  auto unknown = engine::unknown_selectors(a.select, custom_rules);
  const auto unknown_ignored = engine::unknown_selectors(a.ignore, custom_rules);
  unknown.insert(unknown.end(), unknown_ignored.begin(), unknown_ignored.end());
  if (!unknown.empty()) {
    fmt::print(stderr, "policylint: error: unknown rule selector(s): {} (see \"policylint rules\")\n",
               fmt::join(unknown, ", "));
    return to_int(ExitCode::error);
  }

  lint::RunOptions run_options;
  run_options.paths = a.paths;
  run_options.exclude = a.exclude;
  run_options.stdin_filename = a.stdin_filename;
  run_options.lint = options;
  run_options.custom_rules = {custom_rules.begin(), custom_rules.end()};
  run_options.max_file_size = a.max_file_size;
  run_options.config_file = a.config_file;
  run_options.no_config = a.no_config;
  run_options.fail_on = app.count("--fail-on") > 0 ? std::optional(a.fail_on) : std::nullopt;
  run_options.baseline = a.baseline;
  run_options.write_baseline = a.write_baseline;
  run_options.fail_on_stale = a.fail_on_stale;
  run_options.account_scope = a.account_scope == "run" ? lint::AccountScope::run : lint::AccountScope::file;
  run_options.quiet = a.quiet;
  run_options.jobs = a.jobs;
  Progress progress(progress_wanted(stderr_is_terminal(), a.quiet), [](const std::string& text) {
    std::fputs(text.c_str(), stderr);
    std::fflush(stderr);
  });
  run_options.on_progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
  run_options.scp_files = a.scps;
  run_options.rcp_files = a.rcps;
  lint::Run run(std::move(run_options));
  if (auto ready = run.prepare(); !ready) {
    std::string_view rest = ready.error().message; // one problem a line
    while (!rest.empty()) {
      const auto end = std::min(rest.find('\n'), rest.size());
      fmt::print(stderr, "policylint: error: {}\n", rest.substr(0, end));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    return to_int(ExitCode::error);
  }
  if (a.fix || a.diff) {
    const lint::FixOutcome fixed = run.fix(a.diff ? lint::FixMode::diff : lint::FixMode::write);
    if (fixed.refused || (a.diff && (run.io_error() || fixed.failed))) {
      return to_int(ExitCode::error);
    }
    if (a.diff) {
      return to_int(fixed.fixes > 0 ? ExitCode::findings : ExitCode::clean);
    }
  }
  auto linted = run.lint();
  progress.finish(); // before anything else reaches the terminal
  if (!linted) {
    fmt::print(stderr, "policylint: error: {}\n", linted.error().message);
    return to_int(ExitCode::error);
  }
  output::Report report = std::move(*linted);
  report.source_root = find_source_root();
  report.custom_rules = custom_rules;

  if (a.format == "sarif" && report.diagnostics.size() > output::k_sarif_max_results) {
    fmt::print(stderr, "policylint: warning: {} findings, over GitHub's limit of {} results per SARIF run: the report keeps the {} most severe\n",
               report.diagnostics.size(), output::k_sarif_max_results, output::k_sarif_max_results);
  }
  output::TextOptions text;
  text.color = a.output.empty() && use_color(a.color, stdout);
  const std::string rendered = output::find_format(a.format)->write(report, text);
  if (auto written = io::write_output(a.output.empty() ? "-" : a.output, rendered); !written) {
    fmt::print(stderr, "policylint: error: {}\n", written.error().message);
    return to_int(ExitCode::error);
  }
  if (!a.quiet) {
    run.print_notes(stderr);
    if (run.inputs().files.empty() && !run.io_error()) {
      fmt::print(stderr, "policylint: no policy files found\n");
    } else {
      fmt::print(stderr, "{}\n", output::summary_line(report));
      if (!a.fix) {
        lint::print_fix_hint(report.diagnostics);
      }
    }
  }
  if (run.io_error()) {
    return to_int(ExitCode::error);
  }
  if (a.exit_zero) {
    return to_int(ExitCode::clean);
  }
  if (run.stale_failure()) {
    return to_int(ExitCode::findings);
  }
  return to_int(run.failing(report, a.fail_on) ? ExitCode::findings : ExitCode::clean);
}

} // namespace policylint::cli
