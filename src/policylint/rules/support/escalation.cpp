#include <policylint/eval/action_match.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

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

namespace {

// One method's finding, before the methods granted at the same place are put together.
struct MethodFinding {
  const ::policylint::privesc::MethodHit* hit = nullptr;
  const policy::Statement* statement = nullptr; // grants the first request
  SourceRange at;
  std::string granted_by; // every statement involved, "#1, #3"
  std::vector<std::string> path;
  std::vector<std::string> named;
};

// The method a group's counterexample shows: the shortest sequence is the easiest to check.
const MethodFinding& representative(const std::vector<const MethodFinding*>& group) {
  return **std::min_element(group.begin(), group.end(), [](const MethodFinding* a, const MethodFinding* b) {
    return a->path.size() < b->path.size();
  });
}

} // namespace

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
  std::vector<MethodFinding> findings;
  for (const auto& hit : work.hits) {
    if (hit.named() != (scope == Scope::named_resources)) {
      continue;
    }
    const ::policylint::privesc::StepRequest& first = hit.steps.front();
    const policy::Statement* st = granting(policy, first.found);
    if (st == nullptr) {
      continue;
    }
    MethodFinding f{&hit, st, anchor(*st, first.found.request.action), {}, {}, {}};
    std::vector<std::string> statements;
    for (const auto& s : hit.steps) {
      f.path.push_back(describe_step(s));
      if (const policy::Statement* g = granting(policy, s.found);
          g != nullptr && std::find(statements.begin(), statements.end(), g->label()) == statements.end()) {
        statements.push_back(g->label());
      }
      if (s.named && std::find(f.named.begin(), f.named.end(), s.found.request.resource) == f.named.end()) {
        f.named.push_back(s.found.request.resource);
      }
    }
    f.granted_by = fmt::format("{}", fmt::join(statements, ", "));
    findings.push_back(std::move(f));
  }
  // Methods granted by the same statements at the same token are one finding: a broad
  // statement (iam:* beside ec2:*) completes dozens, and one finding per method buried the
  // review under identical locations. The message names them all.
  std::vector<std::vector<const MethodFinding*>> groups;
  for (const MethodFinding& f : findings) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.front()->at == f.at && g.front()->granted_by == f.granted_by;
    });
    if (same == groups.end()) {
      groups.push_back({&f});
    } else {
      same->push_back(&f);
    }
  }
  for (const auto& group : groups) {
    const MethodFinding& shown = representative(group);
    const auto& method = *shown.hit->method;
    const std::string sequence = fmt::format("{}", fmt::join(shown.path, " → "));
    std::vector<std::string> ids;
    std::vector<std::string> named;
    for (const MethodFinding* f : group) {
      ids.push_back(f->hit->method->id);
      for (const auto& n : f->named) {
        if (std::find(named.begin(), named.end(), n) == named.end()) {
          named.push_back(n);
        }
      }
    }
    engine::Diagnostic* d = nullptr;
    if (group.size() == 1 && scope == Scope::named_resources) {
      d = &ctx.report(shown.at,
                      "statement(s) {} allow escalation method {} to the permissions of {}, which this document "
                      "cannot see: {}",
                      shown.granted_by, method.id, fmt::join(named, ", "), sequence);
    } else if (group.size() == 1) {
      d = &ctx.report(shown.at, "statement(s) {} allow privilege escalation method {} ({}): {}", shown.granted_by,
                      method.id, method.family, sequence);
    } else if (scope == Scope::named_resources) {
      d = &ctx.report(shown.at,
                      "statement(s) {} allow {} escalation methods ({}) to the permissions of {}, which this document "
                      "cannot see; for example {}: {}",
                      shown.granted_by, group.size(), fmt::join(ids, ", "), fmt::join(named, ", "), method.id,
                      sequence);
    } else {
      d = &ctx.report(shown.at, "statement(s) {} allow {} privilege escalation methods ({}); for example {} ({}): {}",
                      shown.granted_by, group.size(), fmt::join(ids, ", "), method.id, method.family, sequence);
    }
    d->statement = shown.statement->label();
    d->counterexample = counterexample(shown.hit->steps.front().found, {},
                                       method.note.empty() ? method.family : method.note);
    d->counterexample->path = shown.path;
  }
}

} // namespace policylint::rules::support
