#pragma once
// One configuration file (.policylint.yaml, .policylint.yml or .policylint.json), validated.
// docs/configuration.md documents every key; this is its in-memory form.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_range.hpp>
#include <policylint/engine/organisation.hpp>
#include <policylint/engine/rule.hpp>
#include <policylint/policy/model.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace policylint::config {

// A glob and the rule selectors it applies (per-path-ignores).
struct PathSelectors {
  std::string glob;
  std::vector<std::string> selectors;
};

struct PathKind {
  std::string glob;
  policy::PolicyKind kind = policy::PolicyKind::identity;
  // An AWS policy type (scp, rcp, boundary, session, or identity/resource/trust): its kind
  // above, and the type's checks (docs/policy-types.md).
  std::optional<policy::PolicyType> type;
};

// Hides one finding (or all of a rule's findings in some files) with a stated reason.
struct Suppression {
  std::string rule;    // a rule selector: code, name, prefix or category
  std::string path;    // glob, relative to the config's base directory
  std::string sid;     // only findings in the statement with this Sid ("" = any)
  std::string pointer; // only findings at or below this JSON pointer ("" = any)
  std::string reason;
  Position position; // of the entry, for "matched nothing" warnings
};

struct Config {
  std::string path;     // the file, as found
  std::string base_dir; // absolute directory that globs are relative to
  std::optional<std::vector<std::string>> select;
  std::optional<std::vector<std::string>> ignore;
  std::vector<PathSelectors> per_path_ignores;
  std::vector<std::string> exclude;
  std::optional<std::string> fail_on; // error | warning | note | none
  engine::Organisation organisation;
  std::vector<PathKind> input_kinds;
  std::vector<Suppression> suppressions;
  // Rules whose severity the file overrides: a copy of the rule with the new severity, by
  // code. Findings of those rules point at the copy (a std::map never moves its nodes).
  std::map<std::string, engine::RuleInfo> overridden_rules;
};

enum class Syntax { yaml, json };

// Validates configuration text. Every problem is reported, one "path:line:col: message" per
// line of the Error's message.
// `custom_rules`: the custom checks loaded with --rules, whose codes the file may name.
[[nodiscard]] Result<Config> parse_config(std::string_view text, Syntax syntax, const std::string& path,
                                          std::span<const engine::RuleInfo* const> custom_rules = {});

// Reads and validates a file; the syntax follows the extension (.json: JSON, else YAML).
// `base_dir` is where globs are resolved from.
[[nodiscard]] Result<Config> load_config(const std::string& path, const std::string& base_dir,
                                         std::span<const engine::RuleInfo* const> custom_rules = {});

} // namespace policylint::config
