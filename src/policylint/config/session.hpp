#pragma once
// How `policylint check` applies configuration files: which file governs each input, the
// lint options that result (command line over config), and what happens to the findings
// afterwards (suppressions, severity overrides, the fail-on threshold). lint_command.cpp
// calls this and nothing else of the config module.
#include <policylint/io/inputs.hpp>
#include <policylint/config/config.hpp>
#include <policylint/engine/runner.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policylint::config {

// What the command line decided, which the configuration may not change.
struct CliChoices {
  std::string config_file;            // --config FILE: this file for every input, no discovery
  bool no_config = false;             // --no-config
  bool select_given = false;          // --select: the config's select and ignore do not apply
  std::optional<std::string> fail_on; // --fail-on
  std::vector<const engine::RuleInfo*> custom_rules; // --rules DIR: their codes are valid in the file
};

class Session {
public:
  explicit Session(CliChoices cli) : m_cli(std::move(cli)) {}

  // Finds and loads the configuration of every input. False when a configuration file is
  // unreadable or invalid; errors() then has one "path:line:col: message" per problem.
  bool prepare(const std::vector<io::InputFile>& inputs);
  [[nodiscard]] const std::vector<std::string>& errors() const { return m_errors; }

  // The options to lint `input` with, or nullopt when its configuration excludes it.
  [[nodiscard]] std::optional<engine::LintOptions> options_for(const io::InputFile& input,
                                                               const engine::LintOptions& base) const;
  // Removes suppressed findings and applies severity overrides.
  void filter(const io::InputFile& input, std::vector<engine::Diagnostic>& found);
  // Only removes suppressed findings, counting nothing (the passes of --fix/--diff).
  void drop_suppressed(const io::InputFile& input, std::vector<engine::Diagnostic>& found) const;
  // Whether some finding is at or above its file's fail-on level (the command line's, else
  // the configuration's, else `fallback`).
  [[nodiscard]] bool failing(const std::vector<engine::Diagnostic>& diagnostics, const std::string& fallback) const;

  [[nodiscard]] std::size_t suppressed() const { return m_suppressed; }
  // "N findings suppressed by configuration" and warnings for suppressions that matched no
  // finding in a file they apply to; nothing when there is nothing to say.
  void print_notes(std::FILE* out) const;

private:
  struct FileState {
    Config* config = nullptr;
    std::string relative; // '/'-separated, relative to the config's base directory
  };
  struct SuppressionUse {
    bool applies_to_a_file = false;
    bool used = false;
  };

  Config* load(const std::string& path, const std::string& base_dir);
  [[nodiscard]] const FileState* state_of(const std::string& display_path) const;
  // The suppressions of the file's configuration whose path glob matches it.
  [[nodiscard]] std::vector<const Suppression*> applicable_suppressions(const FileState& state) const;

  CliChoices m_cli;
  std::map<std::string, std::unique_ptr<Config>> m_configs; // by path of the config file
  std::map<std::string, Config*> m_by_directory;            // discovery cache
  std::map<std::string, FileState> m_files;                 // by display path
  std::map<const Suppression*, SuppressionUse> m_uses;
  std::vector<std::string> m_errors;
  std::size_t m_suppressed = 0;
};



} // namespace policylint::config
