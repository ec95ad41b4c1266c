// PL304: can someone outside the organisation present a token this federated trust accepts?
// Each well-known provider's outsider token (probes/identity_providers.hpp) is put to the
// exact engine: the claims naming the holder are kept out of every owner the policy names,
// every other claim is the outsider's choice, and the evaluator confirms the request.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/probes/counterexample.hpp>
#include <policylint/probes/decide.hpp>
#include <policylint/probes/identity_providers.hpp>
#include <policylint/rules/support/unknown_values.hpp>

#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

namespace policylint::rules::trust {

namespace {

// The claims of the found token, as "sub = repo:attacker/app:ref:refs/heads/main".
std::string claims_text(const eval::Request& request, const std::string& key_prefix) {
  std::vector<std::string> parts;
  for (const auto& [key, values] : request.context) {
    if (!key.starts_with(key_prefix)) {
      continue;
    }
    const std::string claim = key.substr(key_prefix.size());
    parts.push_back(claim + " = " + (values.size() == 1 ? values.front() : fmt::format("[{}]", fmt::join(values, ", "))));
  }
  return parts.empty() ? std::string("any claims") : fmt::format("{}", fmt::join(parts, ", "));
}

} // namespace

void check_federated_trust_admits_outsiders(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.kind != policy::PolicyKind::trust) {
    return;
  }
  // A claim pinned to a value the input leaves unknown (the stack's own identity pool, by Ref
  // or by a Terraform reference) is pinned: the front end's "*" would let any token through.
  bool unknown = false;
  const policy::Policy resolved = support::with_unknown_condition_values(unit.policy, unit.file, unknown);
  const policy::Policy& policy = unknown ? resolved : unit.policy;
  const std::array<const policy::Policy*, 1> set{&policy};
  probes::Decider decider(set, unit.catalog);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !st.principal.present || st.principal.negated) {
      continue;
    }
    for (const auto& principal : st.principal.values) {
      if (principal.type != "Federated") {
        continue;
      }
      const auto tokens = probes::outsider_tokens(policy, principal.value.value);
      std::vector<probes::Class> classes;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        query::SearchSpace space;
        space.base.action = tokens[i].action;
        space.base.resource = "*";
        probes::apply(space, tokens[i].caller);
        probes::Class c{std::move(space)};
        c.own_action = true;
        c.constraints = tokens[i].constraints;
        c.tag = i;
        classes.push_back(std::move(c));
      }
      // The claims constraints need the exact engine; there are no quick instances to try.
      const auto hit = decider.allowed(probes::Target{set, &st}, {}, classes);
      if (!hit) {
        continue;
      }
      const auto& token = tokens[hit->tag];
      const std::string claims = claims_text(hit->found.request, token.key_prefix);
      auto& d = ctx.report(principal.value.range,
                           "statement {} lets {} assume the role through {}: a token with {} is accepted; pin the "
                           "claims that name your own organisation, repository, project or service account",
                           st.label(), token.caller.description, token.provider->name, claims);
      d.statement = st.label();
      d.counterexample = probes::counterexample(hit->found, {}, token.caller.description + ", token claims " + claims);
    }
  }
}

} // namespace policylint::rules::trust
