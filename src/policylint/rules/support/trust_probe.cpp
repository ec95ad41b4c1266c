#include <policylint/rules/support/trust_probe.hpp>

#include <policylint/query/engine.hpp>

#include <array>

namespace policylint::rules::support {

std::vector<TrustHit> probe_trust(const policy::Policy& policy, const std::vector<TrustProbe>& probes) {
  std::vector<TrustHit> hits;
  if (policy.kind != policy::PolicyKind::trust) {
    return hits;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  query::Engine engine(set);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated) {
      continue;
    }
    bool reported = false;
    for (const auto& principal : st.principal.values) {
      if (reported || principal.type != "AWS") {
        continue; // Service and Federated principals cannot carry MFA or are out of scope
      }
      const auto caller = probes::account_caller(principal.value.value);
      if (!caller) {
        continue;
      }
      for (const TrustProbe& probe : probes) {
        query::SearchSpace space;
        space.base.action = "sts:AssumeRole";
        probes::set_account_caller(space, *caller);
        probe.fix(space);
        auto found = engine.find(query::query_from(space, query::Outcome::allowed, &st));
        if (found) {
          hits.push_back(TrustHit{&st, &principal, std::move(*found), &probe});
          reported = true;
          break;
        }
      }
    }
  }
  return hits;
}

} // namespace policylint::rules::support
