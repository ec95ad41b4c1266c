// PL905: the privileged role of the role pattern carries the raw aws:SourceIp Deny the pattern
// exists to avoid, so calls AWS services make for the role's sessions are refused again.
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>

namespace policylint::rules::cross_policy {

void check_role_reintroduces_source_ip_deny(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (std::size_t r = 0; r < graph.nodes().size(); ++r) {
    const account::Node& role = graph.nodes()[r];
    if (graph.principal_of(role).kind != account::PrincipalKind::role) {
      continue;
    }
    // Only roles someone in the graph assumes: the role pattern's privileged role.
    std::vector<std::string> callers;
    for (std::size_t from = 0; from < graph.nodes().size(); ++from) {
      const auto& edges = graph.assumable(from);
      if (std::find(edges.begin(), edges.end(), r) != edges.end()) {
        callers.push_back(graph.display_name(graph.nodes()[from]));
      }
    }
    if (callers.empty()) {
      continue;
    }
    for (auto& denial : raw_source_ip_denials(graph, role)) {
      auto& d = ctx.report(file_of(graph, denial.document, role),
                           range_in(graph, denial.document, role, denial.condition->operator_text.range),
                           "{} (assumed by {}) denies by aws:SourceIp in statement {} of {}: {} made by CloudFormation "
                           "for a session of the role is denied. The trust policy's IP condition already guards "
                           "the sts:AssumeRole call; drop this Deny or add \"Bool\": {{\"aws:ViaAWSService\": "
                           "\"false\"}} to it",
                           graph.display_name(role), fmt::join(callers, ", "), denial.statement->label(),
                           graph.document(denial.document).name, denial.action);
      d.statement = denial.statement->label();
      d.counterexample =
          support::counterexample(denial.found, {}, "a call CloudFormation makes for the role's session");
      d.counterexample->path = {callers.front(), "sts:AssumeRole " + graph.display_name(role),
                                denial.action + " via CloudFormation → explicit-deny"};
    }
  }
}

} // namespace policylint::rules::cross_policy
