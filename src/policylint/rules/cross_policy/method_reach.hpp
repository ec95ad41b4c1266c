#pragma once
// PL909 and PL912: a caller's escalation methods towards one target (a privileged principal,
// the role of a compute resource), gathered per target and written as one finding: the first
// method's request sequence is the counterexample's path, the others are named.
#include <policylint/account/graph.hpp>
#include <policylint/engine/account_rule_context.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/engine.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace policylint::rules::cross_policy {

// Whether the caller's graph (boundary included) allows every request of `hit` but the target
// step's, which is asked of each target on its own.
[[nodiscard]] bool other_requests_allowed(const account::Graph& graph, const account::Node& caller,
                                          const ::policylint::privesc::MethodHit& hit,
                                          const ::policylint::privesc::Step& target_step);

struct MethodReach {
  std::vector<const ::policylint::privesc::Method*> methods;  // in the order added (catalog order)
  std::vector<std::string> path;                // the first method's: caller, requests, target
  const policy::Statement* statement = nullptr; // grants the first method's target request
  std::size_t document = 0;                     // holds that statement
  query::Found target;                          // the first method's target request

  // Adds `hit`, whose `target_step` the engine answered with `found`, granted by `statement` of
  // `document`; the first method added fixes the path, which ends at `target_name`.
  void add(const account::Graph& graph, const account::Node& caller, const ::policylint::privesc::MethodHit& hit,
           const ::policylint::privesc::Step& target_step, const query::Found& found, std::size_t document,
           const policy::Statement* statement, const std::string& target_name);

  // "lambda:UpdateFunctionCode on … → lambda:InvokeFunction on …": the path's requests.
  [[nodiscard]] std::string sequence() const;
  // " (also by lambda-004, lambda-005)", or "" for one method.
  [[nodiscard]] std::string also_by() const;
  // Reports `message` on the action of the statement granting the target request, with the
  // counterexample and its path.
  void report(const account::Graph& graph, const account::Node& caller, engine::AccountRuleContext& ctx,
              std::string message) const;
};

} // namespace policylint::rules::cross_policy
