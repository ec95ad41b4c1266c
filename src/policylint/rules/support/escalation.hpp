#pragma once
// Shared by PL401 and PL410: the escalation methods one identity document allows, reported
// on the statement that grants the method's first request, with the whole request sequence.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/privesc/detect.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace policylint::rules::support {

// "iam:PassRole on arn:aws:iam::…:role/x (iam:PassedToService=ec2.amazonaws.com)".
[[nodiscard]] std::string describe_step(const ::policylint::privesc::StepRequest& step);

// Which methods to report: those complete on any resource (PL401) or those that reach only
// resources the document names (PL410).
enum class Scope { any_resource, named_resources };

void report_escalation_methods(const engine::PolicyUnit& unit, engine::RuleContext& ctx, Scope scope);

// The document's escalation analysis, made once and shared by PL401, PL402 and PL410: one
// detector (one query engine, one answer per step) instead of one per rule.
struct EscalationWork {
  explicit EscalationWork(const engine::PolicyUnit& unit);
  std::array<const policy::Policy*, 1> set;
  ::policylint::privesc::Detector detector;
  bool hits_found = false;
  std::vector<::policylint::privesc::MethodHit> hits;
  [[nodiscard]] bool allows_everything();

private:
  std::optional<bool> m_everything;
};
[[nodiscard]] EscalationWork& escalation_work(const engine::PolicyUnit& unit);

} // namespace policylint::rules::support
