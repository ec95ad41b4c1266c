// PL906: PL101 with the whole principal: is "Action": "*" in any of a user's policies (own,
// managed, through groups) reachable with leaked keys from an arbitrary address, when every
// policy of the user — and its boundary — is evaluated together?
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

namespace policylint::rules::cross_policy {

using support::star_action;

void check_principal_action_star_without_ip_deny(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (const account::Node& user : graph.nodes()) {
    if (graph.principal_of(user).kind != account::PrincipalKind::user) {
      continue;
    }
    const auto policies = account::identity_and_boundary(graph, user);
    auto ranges = query::ip_values(policies, "aws:sourceip");
    ranges.insert(ranges.end(), ctx.options().ip_allowlist.begin(), ctx.options().ip_allowlist.end());
    const std::string address = query::arbitrary_address(ranges);
    const account::Circumstances leaked{address, true};
    for (const std::size_t doc : user.identity) {
      for (const auto& st : graph.document(doc).policy.statements) {
        const policy::Text* star = star_action(st);
        if (star == nullptr) {
          continue;
        }
        for (const std::string& action : support::probe_actions(graph.document(doc).policy)) {
          const auto found = graph.allows(user, action, "*", leaked, false);
          if (!found || !support::decided_by(found->evaluation, st)) {
            continue;
          }
          auto& d = ctx.report(file_of(graph, doc, user), range_in(graph, doc, user, star->range),
                               "statement {} of {} allows every action to {}, and none of the user's {} policies "
                               "denies requests from outside an IP allow-list: {} from {} is allowed",
                               st.label(), graph.document(doc).name, graph.display_name(user), user.identity.size(),
                               action, address);
          d.statement = st.label();
          d.counterexample = support::counterexample(*found, {"aws:MultiFactorAuthPresent"},
                                                     "signed with leaked long-term access keys");
          d.counterexample->path = {start_label(graph, user, leaked), action + " via \"*\" → allowed"};
          break;
        }
      }
    }
  }
}

} // namespace policylint::rules::cross_policy
