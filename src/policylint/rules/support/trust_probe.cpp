#include <policylint/rules/support/trust_probe.hpp>

#include <policylint/rules/support/caller_class.hpp>
#include <policylint/query/engine.hpp>

#include <array>
#include <set>
#include <string>

namespace policylint::rules::support {

std::vector<TrustHit> probe_trust(const policy::Policy& policy, const std::vector<TrustProbe>& probes) {
  std::vector<TrustHit> hits;
  if (policy.kind != policy::PolicyKind::trust) {
    return hits;
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  query::Engine engine(set);
  const std::vector<std::string> read_keys = mentioned_keys(policy);
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated) {
      continue;
    }
    // Per probe, the classes of callers (caller_class.hpp) already asked about without a hit:
    // the first hit per statement is the same, at one query per class instead of per principal.
    std::vector<std::set<std::string>> cleared(probes.size());
    bool reported = false;
    for (const auto& principal : st.principal.values) {
      if (reported || principal.type != "AWS") {
        continue; // Service and Federated principals cannot carry MFA or are out of scope
      }
      const auto caller = caller_for(principal.value.value);
      if (!caller) {
        continue;
      }
      for (std::size_t p = 0; p < probes.size(); ++p) {
        const TrustProbe& probe = probes[p];
        query::SearchSpace space;
        space.base.action = "sts:AssumeRole";
        set_caller(space, *caller);
        probe.fix(space);
        std::string cls = caller_class(policy, st, read_keys, space);
        if (cleared[p].contains(cls)) {
          continue;
        }
        auto found = engine.find(query::query_from(space, query::Outcome::allowed, &st));
        if (found) {
          hits.push_back(TrustHit{&st, &principal, std::move(*found), &probe});
          reported = true;
          break;
        }
        cleared[p].insert(std::move(cls));
      }
    }
  }
  return hits;
}

} // namespace policylint::rules::support
