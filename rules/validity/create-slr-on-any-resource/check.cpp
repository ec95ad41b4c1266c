// PL029: is iam:CreateServiceLinkedRole allowed by this statement for any service at all? The
// query engine looks for an allowed request creating the role of a service no one named, with
// iam:AWSServiceName set to it: conditions, Resource and the policy's Denies all count.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/support/probes.hpp>

#include <array>

namespace policylint::rules::validity {

namespace {

constexpr std::string_view k_action = "iam:CreateServiceLinkedRole";
// A service no policy names; it shows in the counterexample, so it reads as what it is.
const std::string k_unnamed_service = "not-named-here.amazonaws.com";
const std::string k_role = "arn:aws:iam::111122223333:role/aws-service-role/not-named-here.amazonaws.com/"
                           "AWSServiceRoleForNotNamedHere";

// The token to point at: the Action entry that covers the action, else the NotAction key.
const policy::Text* covering_action(const policy::Statement& st) {
  for (const auto& a : st.action.values) {
    if (eval::action_matches(a.value, k_action)) {
      return &a;
    }
  }
  return nullptr;
}

} // namespace

void check_create_slr_on_any_resource(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind != policy::PolicyKind::identity || policy.is_guardrail()) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  std::optional<query::Engine> engine;
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !st.action.present) {
      continue;
    }
    const policy::Text* token = st.action.negated ? nullptr : covering_action(st);
    // "Action": "*" is administrator access, PL101's and the escalation rules' finding (Access
    // Analyzer does not report it either); "iam:*", "iam:Create*" and NotAction are this rule's.
    if (!st.action.negated && (token == nullptr || token->value == "*")) {
      continue;
    }
    if (!engine) {
      engine.emplace(set, std::span<const policy::Policy* const>{}, unit.catalog);
    }
    query::Query q;
    q.actions = {std::string(k_action)};
    q.resource = k_role;
    q.context["iam:awsservicename"] = query::KeyOption(std::vector<std::string>{k_unnamed_service});
    q.decided_by = &st;
    const auto found = engine->find(q);
    if (!found) {
      continue;
    }
    const bool star = token != nullptr && token->value.find('*') != std::string::npos;
    const SourceRange where = token != nullptr ? token->range : st.action.key_range;
    const std::string via = star ? "\"" + token->value + "\", which covers " : std::string();
    auto& d = ctx.report(where,
                         "statement {} allows {}{} for the role of any service, without an iam:AWSServiceName "
                         "condition: the caller can create the service-linked role of a service no one named (e.g. {}); "
                         "name the services in iam:AWSServiceName or their roles' ARNs in Resource",
                         st.label(), via, k_action, k_unnamed_service);
    d.statement = st.label();
    d.counterexample = support::counterexample(*found, {}, "a service-linked role no one named");
  }
}

} // namespace policylint::rules::validity
