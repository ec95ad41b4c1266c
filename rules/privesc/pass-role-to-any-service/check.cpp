// PL402: iam:PassRole on roles the document does not name, to any service. Decided by the
// engine for a role name and a service name nobody writes, so a Resource naming roles, an
// iam:PassedToService condition or a Deny silences it; iam:AssociatedResourceArn is left
// absent, as for the services that do not send it. A document that allows every action is
// left to PL101: the passed role cannot add to it.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>
#include <string_view>

namespace policylint::rules::privesc {
namespace {

constexpr const char* k_pass_role = "iam:PassRole";
// A name nobody writes, read as such in the message ("role/AWSBatchJobRole-NotNamedHere").
constexpr const char* k_any_role = "arn:aws:iam::????????????:role/*-NotNamedHere*";
constexpr const char* k_any_service = "not-named-here.amazonaws.com";

// The Action value naming iam:PassRole, or the NotAction key letting it through; nullptr
// when the statement cannot grant it.
const SourceRange* pass_role_token(const policy::Statement& st) {
  if (!st.evaluable || st.effect != policy::Effect::allow || !st.action.present) {
    return nullptr;
  }
  const auto named = std::find_if(st.action.values.begin(), st.action.values.end(),
                                  [](const policy::Text& t) { return eval::action_matches(t.value, k_pass_role); });
  if (st.action.negated) {
    return named == st.action.values.end() ? &st.action.key_range : nullptr;
  }
  return named == st.action.values.end() ? nullptr : &named->range;
}

} // namespace

void check_pass_role_to_any_service(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind != policy::PolicyKind::identity) {
    return;
  }
  query::Engine* engine = nullptr; // the escalation rules' engine: their caches serve this rule
  std::optional<bool> full_access;
  for (const auto& st : policy.statements) {
    const SourceRange* token = pass_role_token(st);
    if (token == nullptr) {
      continue;
    }
    if (engine == nullptr) {
      engine = &support::escalation_work(unit).detector.engine();
    }
    query::Query q;
    q.actions = {k_pass_role};
    q.resources = {k_any_role};
    q.context["iam:passedtoservice"] = std::vector<std::string>{k_any_service};
    q.context["iam:associatedresourcearn"] = std::nullopt;
    q.decided_by = &st;
    // The engine's witness is the shortest of its class: one IAM could not issue (a role name
    // holding ':', for "arn:aws:iam::*:role/Name") means no role of the class exists.
    const auto found = engine->find(q);
    if (!found || !eval::issuable_iam_arn(found->request.resource)) {
      continue;
    }
    if (!full_access) {
      full_access = support::escalation_work(unit).allows_everything();
    }
    if (*full_access) {
      return;
    }
    auto& d = ctx.report(*token,
                         "statement {} allows iam:PassRole on roles it does not name ({}) to any service: "
                         "scope Resource to the roles meant to be passed and add an iam:PassedToService condition",
                         st.label(), found->request.resource);
    d.statement = st.label();
    d.counterexample = support::counterexample(*found, {"iam:AssociatedResourceArn"},
                                               "any role, passed to a service the policy does not name");
  }
}

} // namespace policylint::rules::privesc
