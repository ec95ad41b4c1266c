// PL306: a third party's account may assume the role without the external ID that keeps its
// other customers from pointing it at this role (the confused deputy of vendor roles).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/probes/callers.hpp>
#include <policylint/probes/counterexample.hpp>
#include <policylint/probes/decide.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace policylint::rules::trust {

namespace {

// The external IDs the trust names without a wildcard: the ones issued to this customer.
std::vector<std::string> literal_external_ids(const policy::Policy& policy) {
  std::vector<std::string> out;
  for (const auto& st : policy.statements) {
    for (const auto& cond : st.conditions) {
      if (query::to_lower(cond.key.value) != "sts:externalid") {
        continue;
      }
      for (const auto& v : cond.values) {
        if (v.text.find_first_of("*?") == std::string::npos) {
          out.push_back(v.text);
        }
      }
    }
  }
  return out;
}

} // namespace

void check_cross_account_trust_without_external_id(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (unit.organisation == nullptr || unit.organisation->trusted_accounts.empty() ||
      policy.kind != policy::PolicyKind::trust) {
    return;
  }
  const auto& trusted = unit.organisation->trusted_accounts;
  const std::array<const policy::Policy*, 1> set{&policy};
  probes::Decider decider(set, unit.catalog);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !st.principal.present || st.principal.negated) {
      continue;
    }
    for (const auto& principal : st.principal.values) {
      // "*" is everyone: PL320 speaks.
      if (principal.type != "AWS" || principal.value.value == "*") {
        continue;
      }
      const auto caller = probes::account_caller(principal.value.value);
      if (!caller || std::find(trusted.begin(), trusted.end(), caller->account) != trusted.end()) {
        continue;
      }
      query::SearchSpace space;
      space.base.action = "sts:AssumeRole";
      space.base.resource = "*";
      probes::set_account_caller(space, *caller);
      // The third party's other customers send no external ID, or their own: any value but
      // the ones this trust names literally.
      query::SearchSpace absent = space;
      absent.base.remove_context("sts:externalid");
      absent.fixed_keys.insert("sts:externalid");
      const std::array<probes::Instance, 1> quick{probes::Instance{std::move(absent)}};
      probes::Class c{std::move(space)};
      c.own_action = true;
      if (const auto named = literal_external_ids(policy); !named.empty()) {
        c.constraints.push_back({"StringNotEquals", "sts:externalid", named});
      }
      const std::array<probes::Class, 1> exact{std::move(c)};
      const auto hit = decider.allowed(probes::Target{set, &st}, quick, exact);
      if (!hit) {
        continue;
      }
      auto& d = ctx.report(principal.value.range,
                           "statement {} lets account {} (not one of the organisation's trusted accounts) assume the "
                           "role without the external ID the third party issued to you; require it with StringEquals sts:ExternalId",
                           st.label(), caller->account);
      d.statement = st.label();
      const auto* sent = hit->found.request.context_values("sts:externalid");
      d.counterexample = probes::counterexample(
          hit->found, sent == nullptr ? std::vector<std::string>{"sts:ExternalId"} : std::vector<std::string>{},
          "a caller in account " + caller->account +
              (sent == nullptr ? std::string(", without an external ID") : ", with an external ID this trust does not name"));
    }
  }
}

} // namespace policylint::rules::trust
