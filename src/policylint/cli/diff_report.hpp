#pragma once
// The result of `policylint diff` and its three formats (docs/diff.md).
#include <policylint/core/source_range.hpp>
#include <policylint/eval/evaluator.hpp>

#include <optional>
#include <string>
#include <vector>

namespace policylint::cli {

// One request NEW allows and OLD does not: one per newly reachable action class.
struct NewAccess {
  std::string file;      // NEW's display path
  std::string old_file;  // OLD's display path; empty when the file is new
  Location location;     // the NEW statement responsible
  std::string statement; // its label (Sid or #n)
  eval::Request request;
  std::vector<std::string> absent_keys; // condition keys of either version the request leaves out
  eval::Decision old_decision = eval::Decision::implicit_deny;
  // Identity policies granting a KMS key or role action: what AWS also requires of the key or
  // trust policy, and what the diff assumed (eval::resource_policy_assumption).
  std::optional<std::string> assumption;
};

struct DiffReport {
  std::vector<NewAccess> items; // sorted by file, position, action
  std::size_t files_compared = 0;
  bool exact = true;            // false: an approximation of docs/query.md applied
  std::string source_root;      // SARIF URIs are relative to it
};

[[nodiscard]] std::string write_diff_text(const DiffReport& report);
[[nodiscard]] std::string write_diff_json(const DiffReport& report);
[[nodiscard]] std::string write_diff_sarif(const DiffReport& report);

} // namespace policylint::cli
