#pragma once
// The custom checks of one run, owned by the command that loaded them: each as an
// engine::RuntimeRule (metadata that SARIF, `rules` and `explain` show, plus the closure the
// runner calls). Nothing is added after loading, so RuleInfo addresses stay valid for the
// findings that point at them.
#include <policylint/catalog/catalog.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/custom/check.hpp>
#include <policylint/engine/runtime_rule.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::custom {

class CustomRuleSet {
public:
  [[nodiscard]] std::span<const engine::RuntimeRule> rules() const { return m_rules; }
  [[nodiscard]] std::vector<const engine::RuleInfo*> infos() const;
  // By code or name; nullptr when unknown.
  [[nodiscard]] const engine::RuleInfo* find(std::string_view code_or_name) const;
  [[nodiscard]] bool empty() const { return m_rules.empty(); }
  [[nodiscard]] std::size_t size() const { return m_rules.size(); }

  void add(Check check); // only while loading

private:
  std::vector<engine::RuntimeRule> m_rules;
};

// Every "*.json" file directly inside each directory (sorted by name), as one set. Any
// problem — unreadable directory, no check file, invalid JSON, unknown key, wrong type,
// bad value, duplicate or reserved code — is listed as "file:line:col: message" (a directory
// problem as "dir: message"), and then the set must not be used.
struct LoadResult {
  CustomRuleSet checks;
  std::vector<std::string> problems;
};
[[nodiscard]] LoadResult load_custom_checks(const std::vector<std::string>& directories, const catalog::Catalog& catalog);
// The same for check files already in memory (each SourceFile's path is what messages name).
[[nodiscard]] LoadResult load_check_files(const std::vector<SourceFile>& files, const catalog::Catalog& catalog);

// The Markdown documentation of a check (`explain`, SARIF help): summary, what it does, how
// to fix, the query as written, references.
[[nodiscard]] std::string check_readme(const Check& check);

} // namespace policylint::custom

namespace policylint::custom {

// For the commands' --rules option: loads the directories (none: nothing to do), prints every
// problem to stderr as "policylint: error: file:line:col: message", and returns false when
// there was any — the command then exits 2 before linting anything.
[[nodiscard]] bool load_for_command(const std::vector<std::string>& directories, const catalog::Catalog& catalog,
                                    CustomRuleSet& out);

} // namespace policylint::custom
