// PL906: PL101 with the whole principal: is "Action": "*" in any of a user's policies (own,
// managed, through groups) reachable with leaked keys from an arbitrary address, when every
// policy of the user — and its boundary — is evaluated together? Also when no "*" is written
// but the user's policies together allow every action (iam:* in one, NotAction iam:* in another).
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>
#include <policylint/rules/support/role_assumption.hpp>

namespace policylint::rules::cross_policy {

using support::star_action;

namespace {

// No "*" written, yet every action allowed by the user's policies together: PL908 and the
// escalation rules are silent on a principal that holds everything, so this rule speaks.
void report_everything_allowed(const account::Graph& graph, const account::Node& user,
                               const account::Circumstances& leaked, engine::AccountRuleContext& ctx) {
  ::policylint::privesc::Detector detector(user.identity_policies);
  if (!detector.allows_everything()) {
    return;
  }
  for (const std::string& action : support::probe_actions(graph.document(user.identity.front()).policy)) {
    if (support::role_assumption_action(action)) {
      continue; // assuming roles from anywhere is the recommended design (PL101)
    }
    const auto found = graph.allows(user, action, "*", leaked, false);
    const policy::Statement* st = nullptr;
    const auto doc = found ? granting_document(graph, user, *found, &st) : std::nullopt;
    if (!doc) {
      continue;
    }
    auto& d = ctx.report(file_of(graph, *doc, user), range_in(graph, *doc, user, action_range(*st, action)),
                         "the {} policies of {} together allow every action although none writes \"*\", and none "
                         "denies requests from outside an IP allow-list: {} from {} is allowed (statement {} of {})",
                         user.identity.size(), graph.display_name(user), action, *leaked.source_ip, st->label(),
                         graph.document(*doc).name);
    d.statement = st->label();
    d.counterexample = support::counterexample(*found, {"aws:MultiFactorAuthPresent"},
                                               "signed with leaked long-term access keys");
    d.counterexample->path = {start_label(graph, user, leaked), action + " → allowed"};
    return;
  }
}

} // namespace

void check_principal_action_star_without_ip_deny(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (const account::Node& user : graph.nodes()) {
    if (graph.principal_of(user).kind != account::PrincipalKind::user) {
      continue;
    }
    const auto policies = account::identity_and_boundary(graph, user);
    auto ranges = query::ip_values(policies, "aws:sourceip");
    ranges.insert(ranges.end(), ctx.options().ip_allowlist.begin(), ctx.options().ip_allowlist.end());
    const std::string address = query::arbitrary_address(ranges);
    const account::Circumstances leaked{address, true, {}};
    bool star_written = false;
    for (const std::size_t doc : user.identity) {
      for (const auto& st : graph.document(doc).policy.statements) {
        const policy::Text* star = star_action(st);
        if (star == nullptr) {
          continue;
        }
        star_written = true;
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
    if (!star_written && !user.identity.empty()) {
      report_everything_allowed(graph, user, leaked, ctx);
    }
  }
}

} // namespace policylint::rules::cross_policy
