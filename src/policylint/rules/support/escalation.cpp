#include <policylint/eval/action_match.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <array>

namespace policylint::rules::support {
namespace {

// The statement of `policy` that allowed the request (the first deciding Allow).
const policy::Statement* granting(const policy::Policy& policy, const query::Found& found) {
  for (const auto& ref : found.evaluation.deciding) {
    if (ref.policy == &policy && ref.statement->effect == policy::Effect::allow) {
      return ref.statement;
    }
  }
  return nullptr;
}

// The Action value that names the action, or the NotAction key that lets it through.
SourceRange anchor(const policy::Statement& st, const std::string& action) {
  if (!st.action.negated) {
    for (const auto& a : st.action.values) {
      if (eval::action_matches(a.value, action)) {
        return a.range;
      }
    }
  }
  return st.action.key_range;
}

} // namespace

EscalationWork::EscalationWork(const engine::PolicyUnit& unit) : set{&unit.policy}, detector(set, unit.catalog) {}

bool EscalationWork::allows_everything() {
  if (!m_everything) {
    m_everything = detector.allows_everything();
  }
  return *m_everything;
}

EscalationWork& escalation_work(const engine::PolicyUnit& unit) {
  return unit.shared_work<EscalationWork>("escalation", [&] { return new EscalationWork(unit); });
}

std::string describe_step(const ::policylint::privesc::StepRequest& step) {
  std::string out = fmt::format("{} on {}", step.found.request.action, step.found.request.resource);
  for (const auto& [key, value] : step.step->context) {
    out += fmt::format(" ({}={})", key, value);
  }
  if (!step.step->note.empty()) {
    out += " " + step.step->note;
  }
  return out;
}

void report_escalation_methods(const engine::PolicyUnit& unit, engine::RuleContext& ctx, Scope scope) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind != policy::PolicyKind::identity) {
    return;
  }
  EscalationWork& work = escalation_work(unit);
  // Full access first: one query, and a document that allows everything has nothing to
  // escalate to (PL101 and friends speak about it), however many methods it completes.
  if (work.allows_everything()) {
    return;
  }
  if (!work.hits_found) {
    work.hits = work.detector.find_all(::policylint::privesc::methods());
    work.hits_found = true;
  }
  for (const auto& hit : work.hits) {
    if (hit.named() != (scope == Scope::named_resources)) {
      continue;
    }
    const ::policylint::privesc::StepRequest& first = hit.steps.front();
    const policy::Statement* st = granting(policy, first.found);
    if (st == nullptr) {
      continue;
    }
    std::vector<std::string> path;
    std::vector<std::string> statements;
    std::vector<std::string> named;
    for (const auto& s : hit.steps) {
      path.push_back(describe_step(s));
      if (const policy::Statement* g = granting(policy, s.found);
          g != nullptr && std::find(statements.begin(), statements.end(), g->label()) == statements.end()) {
        statements.push_back(g->label());
      }
      if (s.named) {
        named.push_back(s.found.request.resource);
      }
    }
    const std::string granted_by = fmt::format("{}", fmt::join(statements, ", "));
    const std::string sequence = fmt::format("{}", fmt::join(path, " → "));
    engine::Diagnostic* d = nullptr;
    if (scope == Scope::named_resources) {
      d = &ctx.report(anchor(*st, first.found.request.action),
                      "statement(s) {} allow escalation method {} to the permissions of {}, which this document "
                      "cannot see: {}",
                      granted_by, hit.method->id, fmt::join(named, ", "), sequence);
    } else {
      d = &ctx.report(anchor(*st, first.found.request.action),
                      "statement(s) {} allow privilege escalation method {} ({}): {}", granted_by, hit.method->id,
                      hit.method->family, sequence);
    }
    d->statement = st->label();
    d->counterexample = counterexample(first.found, {}, hit.method->note.empty() ? hit.method->family : hit.method->note);
    d->counterexample->path = std::move(path);
  }
}

} // namespace policylint::rules::support
