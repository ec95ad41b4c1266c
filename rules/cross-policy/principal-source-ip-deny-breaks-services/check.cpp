// PL907: a user's raw aws:SourceIp Deny in one policy breaks the service calls that its
// permissions in another policy need — what PL102 cannot see one document at a time.
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

namespace policylint::rules::cross_policy {

void check_principal_source_ip_deny_breaks_services(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (const account::Node& user : graph.nodes()) {
    if (graph.principal_of(user).kind != account::PrincipalKind::user) {
      continue;
    }
    for (auto& denial : raw_source_ip_denials(graph, user)) {
      if (grants_service_permission(graph.document(denial.document).policy)) {
        continue; // PL102 reports it on the document itself
      }
      auto& d = ctx.report(file_of(graph, denial.document, user),
                           range_in(graph, denial.document, user, denial.condition->operator_text.range),
                           "statement {} of {} denies by aws:SourceIp, and another policy of {} grants {}: made "
                           "by CloudFormation for the user, it is denied. Let the user only assume a role whose "
                           "trust policy restricts the source IP, or add \"Bool\": {{\"aws:ViaAWSService\": "
                           "\"false\"}} to the Deny",
                           denial.statement->label(), graph.document(denial.document).name, graph.display_name(user),
                           denial.action);
      d.statement = denial.statement->label();
      d.counterexample = support::counterexample(denial.found, {}, "a call CloudFormation makes for the user");
      d.counterexample->path = {graph.display_name(user), denial.action + " via CloudFormation → explicit-deny"};
    }
  }
}

} // namespace policylint::rules::cross_policy
