// PL101: is administrator access reachable with leaked keys from an arbitrary address?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/probes.hpp>
#include <policylint/rules/support/role_assumption.hpp>
#include <policylint/policy/content_key.hpp>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace policylint::rules::network {

using support::star_action;

void check_action_star_without_source_ip_deny(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind != policy::PolicyKind::identity || policy.is_guardrail()) {
    return; // an SCP's "*" (FullAWSAccess) grants nothing
  }
  // The organisation's SCPs and RCPs bind the same requests: an SCP that denies requests
  // from outside the allow-list (the seed's guard, done at the top) answers this rule.
  std::vector<const policy::Policy*> set{&policy};
  if (unit.organisation != nullptr) {
    set.insert(set.end(), unit.organisation->guardrails.begin(), unit.organisation->guardrails.end());
  }
  query::Engine engine(set);
  const std::string address = query::arbitrary_address(query::ip_values(set, support::k_source_ip));
  const std::vector<std::string> actions = support::probe_actions(policy);
  // A statement written twice has the same answer twice (statement_key.hpp): each distinct
  // content is asked once, which keeps thousands of copies of `"Action": "*"` linear.
  struct Answer {
    std::string action;
    std::optional<query::Found> found;
  };
  std::unordered_map<std::string, Answer> answers;
  // The leaked-keys request for `action`, granted by `st` (or by any statement when nullptr).
  const auto leaked_keys_request = [&](const policy::Statement* st) -> Answer {
    for (const std::string& action : actions) {
      // Assuming a role from anywhere is the recommended design, not administrator access:
      // the role's trust policy carries the address guard (PL301), as for a user granted
      // only sts:AssumeRole, on which this rule is silent too.
      if (support::role_assumption_action(action)) {
        continue;
      }
      query::SearchSpace space;
      space.base.action = action;
      space.base.resource = "*";
      // Leaked long-term keys used directly: no MFA keys, not via a service, from anywhere.
      space.base.set_context(support::k_source_ip, {address});
      space.base.set_context(support::k_via_service, {"false"});
      space.fixed_keys = {support::k_source_ip, support::k_via_service, support::k_mfa_present, support::k_mfa_age};
      if (auto found = engine.find(query::query_from(space, query::Outcome::allowed, st))) {
        return {action, std::move(found)};
      }
    }
    return {};
  };
  bool star_written = false;
  for (const auto& st : policy.statements) {
    const policy::Text* star = star_action(st);
    if (star == nullptr) {
      continue;
    }
    star_written = true;
    auto [known, inserted] = answers.try_emplace(policy::statement_content_key(st));
    Answer& answer = known->second;
    if (inserted) {
      answer = leaked_keys_request(&st);
    }
    if (!answer.found) {
      continue;
    }
    auto& d = ctx.report(star->range,
                         "statement {} allows every action, and no Deny stops requests from outside an IP allow-list: "
                         "{} from {} is allowed",
                         st.label(), answer.action, address);
    d.statement = st.label();
    d.counterexample = support::counterexample(*answer.found, {"aws:MultiFactorAuthPresent"},
                                               "signed with leaked long-term access keys");
  }
  if (star_written) {
    return;
  }
  // Every action allowed without a "*" written: `iam:*` beside `NotAction: iam:*`, or services
  // listed one by one. The escalation rules stay silent on a document that allows everything
  // (there is nothing to escalate to), so this rule must speak for it.
  if (!support::escalation_work(unit).allows_everything()) {
    return;
  }
  const Answer answer = leaked_keys_request(nullptr);
  if (!answer.found) {
    return;
  }
  const policy::Statement* granting = nullptr;
  for (const auto& ref : answer.found->evaluation.deciding) {
    if (ref.policy == &policy && ref.statement->effect == policy::Effect::allow) {
      granting = ref.statement;
      break;
    }
  }
  if (granting == nullptr) {
    return;
  }
  auto& d = ctx.report(granting->action.key_range,
                       "this policy allows every action although no statement writes \"*\", and no Deny stops "
                       "requests from outside an IP allow-list: {} from {} is allowed (statement {})",
                       answer.action, address, granting->label());
  d.statement = granting->label();
  d.counterexample = support::counterexample(*answer.found, {"aws:MultiFactorAuthPresent"},
                                             "signed with leaked long-term access keys");
}

} // namespace policylint::rules::network
