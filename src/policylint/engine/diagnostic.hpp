#pragma once
#include <policylint/core/source_range.hpp>
#include <policylint/engine/fix.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/eval/request.hpp>

#include <optional>
#include <string>
#include <vector>

namespace policylint::engine {

struct RuleInfo;

// A concrete request that proves a security finding, and the decision the evaluator gave it.
struct Counterexample {
  eval::Request request;
  eval::Decision decision = eval::Decision::allowed;
  // Keys the request deliberately leaves out (e.g. aws:MultiFactorAuthPresent for
  // long-term access keys), shown so the reader sees why a condition did not apply.
  std::vector<std::string> absent_keys;
  std::string note; // how the request would arise, e.g. "signed with the user's long-term access keys"
  // Cross-policy findings: the steps from the starting principal to the privilege, e.g.
  // {"user/bob from 198.51.100.23, no MFA", "sts:AssumeRole role/Admin", "\"*\""}. The request
  // above is the step that should have been denied.
  std::vector<std::string> path;
};

// One finding. Findings are normal output, not errors.
struct Diagnostic {
  const RuleInfo* rule = nullptr;
  std::string file;     // display path
  SourceRange range;
  Location location;    // resolved from range by the runner
  std::string message;
  std::optional<Counterexample> counterexample;
  std::string statement;   // the statement label, when the finding is about one
  std::string source_line; // the text of the start line, for the caret display
  std::string pointer;     // RFC 6901 pointer of the finding's node ("/Statement/0/Action"); set by the runner
  std::string sid;         // the Sid of the statement the finding lies in, when it has one; set by the runner
  std::string fingerprint; // baseline identity, independent of formatting (baseline/fingerprint.cpp)
  std::vector<Fix> fixes;  // safe fixes (src/policylint/fix/), possibly none
};

} // namespace policylint::engine
