#include <policylint/baseline/baseline.hpp>
#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/cli/fix_command.hpp>
#include <policylint/cli/inputs.hpp>
#include <policylint/cli/output_file.hpp>
#include <policylint/cli/terminal.hpp>
#include <policylint/custom/rule_set.hpp>
#include <policylint/config/session.hpp>
#include <policylint/engine/account_runner.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/output/report.hpp>
#include <policylint/policy/builder.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>

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
  std::string stdin_filename;
  std::string fail_on = "warning";
  bool exit_zero = false;
  std::string color = "auto";
  bool quiet = false;
  std::uint64_t max_file_size = 10U * 1024U * 1024U;
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
};

Result<SourceFile> read_input(const InputFile& input, std::uint64_t max_bytes) {
  if (input.path != "-") {
    return read_source_file(input.path, input.display_path, max_bytes);
  }
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    text.append(buffer, n);
    if (max_bytes != 0 && text.size() > max_bytes) {
      return fail(Error(ErrorCode::limit, fmt::format("standard input is over the limit of {} bytes (--max-file-size)", max_bytes)));
    }
  }
  return SourceFile(input.display_path, std::move(text));
}

} // namespace

int run_lint(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Lint IAM policy files", program + " check");
  LintArgs a;
  app.add_option("paths", a.paths, "Policy files or directories (directories: *.json and CloudFormation *.yaml/*.yml/*.template, recursively); - for stdin")
      ->required();
  app.add_option("-f,--format", a.format, "Output format")->check(CLI::IsMember({"text", "json", "sarif", "github", "junit", "markdown"}));
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
  app.add_option("--stdin-filename", a.stdin_filename, "The name to report for input read from stdin");
  app.add_option("--fail-on", a.fail_on, "Exit 1 when a finding is at or above this level")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}));
  app.add_flag("--exit-zero", a.exit_zero, "Exit 0 even when there are findings");
  app.add_option("--color", a.color, "Colour the text output")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", a.quiet, "Do not print the summary line");
  app.add_option("--max-file-size", a.max_file_size, "Largest input in bytes (0 = no limit)");
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
  app.add_option("--input-format", a.input_format,
                 "How to read inputs: by content (auto), or as this format (see docs/inputs.md)")
      ->check(CLI::IsMember({"auto", "policy", "cloudformation", "terraform-plan", "terraform", "auth-details", "aws-cli"}));
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
  auto unknown = engine::unknown_selectors(a.select, custom_rules);
  const auto unknown_ignored = engine::unknown_selectors(a.ignore, custom_rules);
  unknown.insert(unknown.end(), unknown_ignored.begin(), unknown_ignored.end());
  if (!unknown.empty()) {
    fmt::print(stderr, "policylint: error: unknown rule selector(s): {} (see \"policylint rules\")\n",
               fmt::join(unknown, ", "));
    return to_int(ExitCode::error);
  }

  const InputSet inputs = collect_inputs(a.paths, a.exclude, a.stdin_filename);
  bool io_error = false;
  for (const auto& p : inputs.problems) {
    fmt::print(stderr, "policylint: error: {}: {}\n", p.path, p.message);
    io_error = true;
  }
  config::Session configs({a.config_file, a.no_config, !a.select.empty(),
                           app.count("--fail-on") > 0 ? std::optional(a.fail_on) : std::nullopt,
                           {custom_rules.begin(), custom_rules.end()}});
  if (!configs.prepare(inputs.files)) {
    for (const auto& e : configs.errors()) {
      fmt::print(stderr, "policylint: error: {}\n", e);
    }
    return to_int(ExitCode::error);
  }
  baseline::Run baselines(a.baseline, a.write_baseline, a.fail_on_stale);
  if (auto ready = baselines.prepare(); !ready) {
    fmt::print(stderr, "policylint: error: {}\n", ready.error().message);
    return to_int(ExitCode::error);
  }

  if (a.fix || a.diff) {
    const FixScope scope{[&](const InputFile& input) { return configs.options_for(input, options); },
                         [&](const InputFile& input, std::vector<engine::Diagnostic>& found) {
                           configs.drop_suppressed(input, found);
                         }};
    const FixOutcome fixed =
        fix_inputs(inputs.files, scope, a.diff ? FixMode::diff : FixMode::write, a.max_file_size, a.quiet);
    if (fixed.refused || (a.diff && (io_error || fixed.failed))) {
      return to_int(ExitCode::error);
    }
    if (a.diff) {
      return to_int(fixed.fixes > 0 ? ExitCode::findings : ExitCode::clean);
    }
    io_error = io_error || fixed.failed;
  }

  output::Report report;
  report.source_root = find_source_root();
  report.custom_rules = custom_rules;
  // Cross-policy rules see one account: by default each input file's own principals and
  // policies (a template, a plan, a snapshot), or with --account-scope run every input together.
  account::Account account;
  // The files that added to `account`, kept for the cross-policy findings' lines and columns.
  std::vector<std::unique_ptr<SourceFile>> account_files;
  std::vector<InputFile> account_inputs; // the same files' inputs, for their configuration
  const auto lint_accounts = [&] {
    engine::AccountLintOptions account_options;
    for (const auto& f : account_files) {
      account_options.sources.push_back(f.get());
    }
    auto account_findings = engine::lint_account(account, options, account_options);
    // Each cross-policy finding follows the suppressions, overrides and baseline of the file it
    // is anchored in.
    for (std::size_t i = 0; i < account_files.size(); ++i) {
      std::vector<engine::Diagnostic> in_file;
      for (auto& d : account_findings) {
        if (d.rule != nullptr && d.file == account_files[i]->path()) {
          in_file.push_back(std::move(d));
          d.rule = nullptr; // taken
        }
      }
      const auto file_options = configs.options_for(account_inputs[i], options); // per-path-ignores
      std::erase_if(in_file, [&](const engine::Diagnostic& d) {
        return !file_options || !file_options->selection.enabled(*d.rule);
      });
      configs.filter(account_inputs[i], in_file);
      baseline::stamp(*account_files[i], in_file);
      report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(in_file.begin()),
                                std::make_move_iterator(in_file.end()));
    }
    std::erase_if(account_findings, [](const engine::Diagnostic& d) { return d.rule == nullptr; });
    report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(account_findings.begin()),
                              std::make_move_iterator(account_findings.end()));
    account = account::Account{};
    account_files.clear();
    account_inputs.clear();
  };
  for (const InputFile& input : inputs.files) {
    const auto file_options = configs.options_for(input, options);
    if (!file_options) {
      continue; // excluded by its configuration
    }
    auto file = read_input(input, a.max_file_size);
    if (!file) {
      if (file.error().code == ErrorCode::limit) {
        report.diagnostics.push_back(
            engine::file_level_diagnostic(input.display_path, "input-limit-exceeded", file.error().message));
        ++report.files_linted;
      } else {
        fmt::print(stderr, "policylint: error: {}: {}\n", input.display_path, file.error().message);
        io_error = true;
      }
      continue;
    }
    const std::size_t account_size = account.documents.size() + account.principals.size();
    auto found = engine::lint_source(*file, *file_options, &account);
    configs.filter(input, found);
    baseline::stamp(*file, found);
    report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
    ++report.files_linted;
    if (account.documents.size() + account.principals.size() != account_size) {
      account_files.push_back(std::make_unique<SourceFile>(std::move(*file)));
      account_inputs.push_back(input);
      if (a.account_scope == "file") {
        lint_accounts();
      }
    }
  }
  if (!account_files.empty()) {
    lint_accounts();
  }
  engine::sort_diagnostics(report.diagnostics);
  if (auto done = baselines.finish(report.diagnostics, inputs.files); !done) {
    fmt::print(stderr, "policylint: error: {}\n", done.error().message);
    return to_int(ExitCode::error);
  }

  std::string rendered;
  if (a.format == "json") {
    rendered = output::write_json(report);
  } else if (a.format == "sarif") {
    rendered = output::write_sarif(report);
  } else if (a.format == "github") {
    rendered = output::write_github(report);
  } else if (a.format == "junit") {
    rendered = output::write_junit(report);
  } else if (a.format == "markdown") {
    rendered = output::write_markdown(report);
  } else {
    output::TextOptions text;
    text.color = a.output.empty() && use_color(a.color, stdout);
    rendered = output::write_text(report, text);
  }
  if (auto written = write_output(a.output.empty() ? "-" : a.output, rendered); !written) {
    fmt::print(stderr, "policylint: error: {}\n", written.error().message);
    return to_int(ExitCode::error);
  }
  if (!a.quiet) {
    configs.print_notes(stderr);
    baselines.print_notes(stderr);
    if (inputs.files.empty() && !io_error) {
      fmt::print(stderr, "policylint: no policy files found\n");
    } else {
      fmt::print(stderr, "{}\n", output::summary_line(report));
      if (!a.fix) {
        print_fix_hint(report.diagnostics);
      }
    }
  }
  if (io_error) {
    return to_int(ExitCode::error);
  }
  if (a.exit_zero) {
    return to_int(ExitCode::clean);
  }
  if (baselines.stale_failure()) {
    return to_int(ExitCode::findings);
  }
  return to_int(configs.failing(report.diagnostics, a.fail_on) ? ExitCode::findings : ExitCode::clean);
}

} // namespace policylint::cli
