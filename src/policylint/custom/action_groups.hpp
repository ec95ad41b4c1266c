#pragma once
// The check's actions, grouped by how the policy treats them.
//
// The evaluator looks at a request's action only through the statements' Action/NotAction
// elements; nothing else depends on it. Two actions that every statement's element covers
// alike (the same "signature": one bit per statement) therefore get the same decision for
// every request, and one search per signature decides the whole group. `iam:*` against a
// policy with three statements costs at most a handful of searches, not one per IAM action.
#include <policylint/catalog/catalog.hpp>
#include <policylint/policy/model.hpp>

#include <string>
#include <vector>

namespace policylint::custom {

struct ActionGroup {
  std::string representative; // the action the counterexample shows
  std::size_t size = 0;       // how many candidate actions share the signature
  std::vector<bool> covered;  // per statement (policy order): its Action element covers the group
};

// The concrete actions a check's patterns stand for: every catalog action they match, plus
// the policy's own literal actions they match that the catalog lacks, plus (for a pattern
// that matches nothing known) its simplest instance. Grouped by signature; groups that no
// Allow statement covers are dropped. Representatives prefer actions the policy names, then the check's own literal
// actions, then catalog actions by access level (permissions management, write, tagging, read, list).
[[nodiscard]] std::vector<ActionGroup> group_actions(const policy::Policy& policy,
                                                     const std::vector<std::string>& patterns,
                                                     const catalog::Catalog& catalog);

} // namespace policylint::custom
