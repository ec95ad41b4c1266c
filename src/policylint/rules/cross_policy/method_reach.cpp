#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/cross_policy/method_reach.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace policylint::rules::cross_policy {

bool other_requests_allowed(const account::Graph& graph, const account::Node& caller,
                            const ::policylint::privesc::MethodHit& hit, const ::policylint::privesc::Step& target_step) {
  const bool session = graph.principal_of(caller).kind == account::PrincipalKind::role;
  return std::all_of(hit.steps.begin(), hit.steps.end(), [&](const ::policylint::privesc::StepRequest& s) {
    return s.step == &target_step ||
           graph.allows(caller, s.found.request.action, s.found.request.resource, {}, session).has_value();
  });
}

void MethodReach::add(const account::Graph& graph, const account::Node& caller, const ::policylint::privesc::MethodHit& hit,
                      const ::policylint::privesc::Step& target_step, const query::Found& found, std::size_t doc,
                      const policy::Statement* granting, const std::string& target_name) {
  methods.push_back(hit.method);
  if (methods.size() > 1) {
    return;
  }
  statement = granting;
  document = doc;
  target = found;
  path = {graph.display_name(caller)};
  for (const auto& s : hit.steps) {
    ::policylint::privesc::StepRequest shown = s;
    if (s.step == &target_step) {
      shown.found = found;
    }
    path.push_back(support::describe_step(shown));
  }
  path.push_back(target_name);
}

std::string MethodReach::sequence() const {
  return fmt::format("{}", fmt::join(std::vector<std::string>(path.begin() + 1, path.end() - 1), " → "));
}

std::string MethodReach::also_by() const {
  if (methods.size() < 2) {
    return {};
  }
  std::vector<std::string> ids;
  for (std::size_t i = 1; i < methods.size(); ++i) {
    ids.push_back(methods[i]->id);
  }
  return fmt::format(" (also by {})", fmt::join(ids, ", "));
}

void MethodReach::report(const account::Graph& graph, const account::Node& caller, engine::AccountRuleContext& ctx,
                         std::string message) const {
  engine::Diagnostic& d = ctx.report(file_of(graph, document, caller),
                                     range_in(graph, document, caller, action_range(*statement, target.request.action)),
                                     "{}", message);
  d.statement = statement->label();
  d.counterexample = support::counterexample(target, {}, methods.front()->family);
  d.counterexample->path = path;
}

} // namespace policylint::rules::cross_policy
