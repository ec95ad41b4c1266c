#pragma once
// Baselines: accept the findings a code base has today and report only new ones.
// A finding is identified by its rule, its file (relative to the baseline file's directory),
// where it is in the document (the statement's Sid when it has one, else its JSON pointer)
// and a hash of its token with whitespace outside strings removed — never by line or column,
// so reformatting, re-indenting and moving statements keeps the baseline valid.
// docs/baselines.md documents the file format.
#include <policylint/io/inputs.hpp>
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/diagnostic.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace policylint::baseline {

inline constexpr int k_format_version = 1;

// "/Statement/Sid=Admin/Action" when the finding's statement has a Sid, else the pointer.
[[nodiscard]] std::string location_key(const engine::Diagnostic& d);
// The token's text without JSON whitespace outside string literals.
[[nodiscard]] std::string normalised_token(std::string_view token);
// Sets Diagnostic::fingerprint for findings of `file`.
void stamp(const SourceFile& file, std::vector<engine::Diagnostic>& found);

struct Entry {
  std::string rule;
  std::string path; // '/'-separated, relative to the baseline file's directory
  std::string location;
  std::string fingerprint;
  friend auto operator<=>(const Entry&, const Entry&) = default;
};

struct Baseline {
  std::vector<Entry> entries;
};

// The path a finding's file has in a baseline stored in `baseline_dir` (absolute).
[[nodiscard]] std::string baseline_path(const std::string& file, const std::string& baseline_dir);
[[nodiscard]] std::vector<Entry> entries_for(const std::vector<engine::Diagnostic>& diagnostics,
                                             const std::string& baseline_dir);
// The file's text: JSON, entries sorted, one per line.
[[nodiscard]] std::string render(std::vector<Entry> entries);
// Reads a baseline file; errors are "path:line:col: message".
[[nodiscard]] Result<Baseline> read(const std::string& path);

struct Outcome {
  std::size_t hidden = 0; // findings the baseline accepted
  std::size_t stale = 0;  // entries for linted files whose finding is gone
};

// Removes the findings the baseline holds (each entry accepts one finding). Entries count
// as stale only for files in `linted` (display paths) or files that no longer exist, so
// linting a subset of the files (as pre-commit does) reports no false staleness.
[[nodiscard]] Outcome apply(const Baseline& baseline, const std::string& baseline_dir,
                            std::vector<engine::Diagnostic>& diagnostics, const std::vector<std::string>& linted);

// What `policylint check` does with --baseline, --write-baseline and --fail-on-stale.
class Run {
public:
  Run(std::string baseline_file, std::string write_file, bool fail_on_stale)
      : m_read_path(std::move(baseline_file)), m_write_path(std::move(write_file)), m_fail_on_stale(fail_on_stale) {}

  [[nodiscard]] bool active() const { return !m_read_path.empty() || !m_write_path.empty(); }
  // Reads --baseline before any linting, so that a bad file stops the run early.
  [[nodiscard]] Result<void> prepare();
  // Writes --write-baseline (all current findings), then hides baselined findings.
  [[nodiscard]] Result<void> finish(std::vector<engine::Diagnostic>& diagnostics,
                                    const std::vector<io::InputFile>& linted);
  void print_notes(std::FILE* out) const;
  // Drops the findings the read baseline accepts (stamped with fingerprints), without counting
  // them: --fix and --diff must not change what the baseline hides.
  void hide(std::vector<engine::Diagnostic>& found) const;
  // --fail-on-stale and some entry is stale.
  [[nodiscard]] bool stale_failure() const { return m_fail_on_stale && m_outcome.stale > 0; }

private:
  std::string m_read_path;
  std::string m_write_path;
  bool m_fail_on_stale = false;
  Baseline m_baseline;
  Outcome m_outcome;
  std::size_t m_written = 0;
};

} // namespace policylint::baseline
