// PL301: can the trusted IAM principals assume the role from an arbitrary address?
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/rules/support/trust_probe.hpp>

#include <array>

namespace policylint::rules::trust {

void check_trust_policy_lacks_ip_condition(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  using support::TrustProbe;
  const std::array<const policy::Policy*, 1> set{&unit.policy};
  const std::string address = query::arbitrary_address(query::ip_values(set, support::k_source_ip));
  const std::vector<TrustProbe> probes{
      TrustProbe{[&](query::SearchSpace& s) {
                   s.base.set_context(support::k_source_ip, {address});
                   s.fixed_keys.insert(support::k_source_ip);
                 },
                 {},
                 "from " + address + ", outside every address range the policy names"},
      TrustProbe{[](query::SearchSpace& s) { s.fixed_keys.insert(support::k_source_ip); },
                 {"aws:SourceIp"},
                 "through a VPC endpoint, where aws:SourceIp is absent"},
  };
  for (const auto& hit : support::probe_trust(unit.policy, probes)) {
    auto& d = ctx.report(hit.principal->value.range,
                         "statement {} lets {} assume the role from any source address ({}); add an "
                         "\"IpAddress\" condition on aws:SourceIp (without IfExists)",
                         hit.statement->label(), hit.principal->value.value, hit.probe->note);
    d.statement = hit.statement->label();
    d.counterexample = support::counterexample(hit.found, hit.probe->absent_keys, hit.probe->note);
  }
}

} // namespace policylint::rules::trust
