// PL904: a user that reaches a privileged role by assuming it still holds permissions of its
// own, which its leaked keys use without the trust policy's guards.
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>
#include <set>

namespace policylint::rules::cross_policy {

namespace {

// What the role pattern leaves the user: assuming roles and managing its own MFA and password.
bool self_service(std::string_view action) {
  static const std::set<std::string> k_allowed{"sts:assumerole",
                                               "sts:tagsession",
                                               "sts:setsourceidentity",
                                               "sts:getcalleridentity",
                                               "iam:createvirtualmfadevice",
                                               "iam:enablemfadevice",
                                               "iam:resyncmfadevice",
                                               "iam:listmfadevices",
                                               "iam:deactivatemfadevice",
                                               "iam:deletevirtualmfadevice",
                                               "iam:listvirtualmfadevices",
                                               "iam:changepassword",
                                               "iam:getaccountpasswordpolicy",
                                               "iam:getuser"};
  return k_allowed.contains(query::to_lower(action));
}

} // namespace

void check_guarded_user_has_direct_permissions(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  PrivilegeCache cache(graph);
  for (std::size_t u = 0; u < graph.nodes().size(); ++u) {
    const account::Node& user = graph.nodes()[u];
    if (graph.principal_of(user).kind != account::PrincipalKind::user) {
      continue;
    }
    const auto reached = privileged_path(graph, cache, u, account::Circumstances{});
    if (!reached) {
      continue; // not a guarded user of the role pattern
    }
    const std::string role = graph.display_name(graph.nodes()[reached->path.end()]);
    // The privileged actions first (resource: another principal), then common ones on "*"
    // and every literal action the user's policies name.
    std::vector<std::pair<std::string, std::string>> probes;
    for (const auto& p : account::privileged_actions()) {
      probes.emplace_back(p.action, account::probe_resource(p, user.account_id));
    }
    for (const std::size_t doc : user.identity) {
      for (auto& action : support::probe_actions(graph.document(doc).policy)) {
        probes.emplace_back(std::move(action), "*");
      }
    }
    std::set<const policy::Statement*> reported;
    for (const auto& [action, resource] : probes) {
      if (self_service(action)) {
        continue;
      }
      const auto found = graph.allows(user, action, resource, account::Circumstances{}, false);
      if (!found) {
        continue;
      }
      const auto where = account::deciding_identity_statement(graph, user, found->evaluation);
      if (!where || !reported.insert(where->second).second) {
        continue;
      }
      const auto& [doc, st] = *where;
      auto& d = ctx.report(file_of(graph, doc, user), range_in(graph, doc, user, action_range(*st, action)),
                           "{} reaches {} through sts:AssumeRole, yet statement {} of {} still grants it {} directly; "
                           "leave the user only sts:AssumeRole on the role (and MFA self-service)",
                           graph.display_name(user), role, st->label(), graph.document(doc).name, action);
      d.statement = st->label();
      d.counterexample = support::counterexample(*found, {}, "signed with the user's own access keys");
      d.counterexample->path = {graph.display_name(user), action + " → allowed"};
    }
  }
}

} // namespace policylint::rules::cross_policy
