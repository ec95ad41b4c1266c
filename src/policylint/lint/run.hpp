#pragma once
// The library entry point of `policylint check`: everything between the parsed command line and
// the writers. It finds the inputs, applies their configuration, lints each file with the one
// document pass, batches principals into accounts for the cross-policy rules, applies fixes
// (--fix/--diff) and the baseline. The CLI keeps the flags, the writer choice and the exit
// code; tests and benchmarks call this, not the CLI.
#include <policylint/baseline/baseline.hpp>
#include <policylint/config/session.hpp>
#include <policylint/core/expected.hpp>
#include <policylint/engine/runner.hpp>
#include <policylint/io/inputs.hpp>
#include <policylint/lint/fix_passes.hpp>
#include <policylint/lint/policy_documents.hpp>
#include <policylint/lint/size_limits.hpp>
#include <policylint/output/report.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policylint::lint {

// Which principals the cross-policy rules see together: each input file's own (a template, a
// plan, a snapshot), or every input's.
enum class AccountScope { file, run };

struct RunOptions {
  std::vector<std::string> paths; // files and directories; "-" for standard input
  std::vector<std::string> exclude;
  std::string stdin_filename;
  engine::LintOptions lint;                      // selection, limits, catalog, custom checks, formats
  std::vector<const engine::RuleInfo*> custom_rules; // their codes are valid in configuration files
  // --max-file-size: one limit for every input (0: no limit); nullopt: a small one for plain
  // policies and a large one for templates, plans and snapshots (size_limits.hpp).
  std::optional<std::uint64_t> max_file_size;
  std::string config_file;                       // --config
  bool no_config = false;                        // --no-config
  std::optional<std::string> fail_on;            // --fail-on, when given (the config may set it otherwise)
  std::string baseline;                          // --baseline
  std::string write_baseline;                    // --write-baseline
  bool fail_on_stale = false;
  AccountScope account_scope = AccountScope::file;
  bool quiet = false; // the fix passes' summary line
  unsigned jobs = 0;  // files linted at once; 0: the cores available. The output is the same for any N.
  // Called on the calling thread as files are done (done, total): the CLI's progress line.
  std::function<void(std::size_t, std::size_t)> on_progress;
  // --scp / --rcp: every document of these files is an SCP / RCP that binds every input's
  // requests (document rules through engine::Organisation::guardrails, cross-policy rules
  // through account::Account::organisation_policies).
  std::vector<std::string> scp_files;
  std::vector<std::string> rcp_files;
};

class Run {
public:
  explicit Run(RunOptions options);

  // Finds the inputs and loads their configuration and the baseline. An Error here stops the
  // run (exit 2); its message may hold several lines, one per problem.
  [[nodiscard]] Result<void> prepare();
  [[nodiscard]] const io::InputSet& inputs() const { return m_inputs; }

  // --fix / --diff: the fix passes over every input (see fix_passes.hpp).
  [[nodiscard]] FixOutcome fix(FixMode mode);

  // Lints every input: the report, findings sorted, filtered by configuration and baseline.
  // Inputs that cannot be read are reported on stderr and counted in io_error().
  [[nodiscard]] Result<output::Report> lint();
  [[nodiscard]] bool io_error() const { return m_io_error; }

  // Whether some finding is at or above its file's fail-on level (`fallback` when neither the
  // command line nor the configuration sets one).
  [[nodiscard]] bool failing(const output::Report& report, const std::string& fallback) const;
  [[nodiscard]] bool stale_failure() const { return m_baselines.stale_failure(); }
  // The configuration's and the baseline's notes ("N findings suppressed", stale entries).
  void print_notes(std::FILE* out) const;

private:
  // The organisation a file's rules see: its configuration's, with the --scp/--rcp policies.
  [[nodiscard]] Result<void> load_guardrails();
  const engine::Organisation* with_guardrails(const engine::Organisation* configured);
  void add_guardrails(account::Account& account) const;

  RunOptions m_options;
  SizeLimits m_size_limits;
  std::vector<PolicyDocuments> m_guardrail_inputs; // --scp / --rcp, loaded by prepare()
  std::vector<const policy::Policy*> m_guardrails;
  std::map<const engine::Organisation*, std::unique_ptr<engine::Organisation>> m_organisations;
  io::InputSet m_inputs;
  config::Session m_configs;
  baseline::Run m_baselines;
  bool m_io_error = false;
};

} // namespace policylint::lint
