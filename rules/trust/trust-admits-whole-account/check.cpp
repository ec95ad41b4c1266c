// PL303: ":root" in a trust means every principal of the account that its own policies let
// call sts:AssumeRole, not the root user. Reported (as a note) when an arbitrary principal of
// that account gets in: no aws:PrincipalArn or similar condition narrows it to the ones meant.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/probes/callers.hpp>
#include <policylint/probes/counterexample.hpp>
#include <policylint/probes/decide.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace policylint::rules::trust {

namespace {

bool whole_account(const std::string& value) {
  const bool account_id =
      value.size() == 12 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  return account_id || (value.starts_with("arn:") && value.ends_with(":root"));
}

} // namespace

void check_trust_admits_whole_account(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind != policy::PolicyKind::trust) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  probes::Decider decider(set, unit.catalog);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !st.principal.present || st.principal.negated) {
      continue;
    }
    for (const auto& principal : st.principal.values) {
      if (principal.type != "AWS" || !whole_account(principal.value.value)) {
        continue;
      }
      const auto caller = probes::account_caller(principal.value.value); // a user of the account no condition names
      if (!caller || caller->account.empty()) {
        continue; // a malformed ARN names no account (PL0xx reports it)
      }
      query::SearchSpace space;
      space.base.action = "sts:AssumeRole";
      space.base.resource = "*";
      probes::set_account_caller(space, *caller);
      const std::array<probes::Instance, 1> quick{probes::Instance{space}};
      probes::Class c{std::move(space)};
      c.own_action = true;
      const std::array<probes::Class, 1> exact{std::move(c)};
      const auto hit = decider.allowed(probes::Target{set, &st}, quick, exact);
      if (!hit) {
        continue;
      }
      auto& d = ctx.report(principal.value.range,
                           "statement {} admits every principal of account {} that its own policies allow to assume "
                           "roles; name the roles or users meant, or narrow it with aws:PrincipalArn",
                           st.label(), caller->account);
      d.statement = st.label();
      d.counterexample = probes::counterexample(hit->found, {}, "an arbitrary user of account " + caller->account);
    }
  }
}

} // namespace policylint::rules::trust
