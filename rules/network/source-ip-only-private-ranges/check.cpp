// PL104: an aws:SourceIp condition whose ranges are all private or reserved. aws:SourceIp only
// ever holds a public address, so IpAddress never matches and NotIpAddress always does.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/source_ip_values.hpp>

#include <string>

namespace policylint::rules::network {

namespace {

// What the condition does, and so what its statement does, in words.
std::string consequence(const policy::Statement& st, const policy::Condition& c) {
  const bool allow = st.effect == policy::Effect::allow;
  if (policy::is_negated(c.op->op)) {
    return allow ? "is true for every request, and the statement is not limited by address at all"
                 : "is true for every request, and the statement denies every request from every public address, "
                   "your own network's included";
  }
  if (c.op->if_exists) {
    return allow ? "matches only requests without aws:SourceIp (calls AWS services make for you), and the "
                   "statement allows nothing else"
                 : "matches only requests without aws:SourceIp (calls AWS services make for you), and the "
                   "statement denies nothing else";
  }
  return allow ? "never matches, and the statement allows nothing" : "never matches, and the statement denies nothing";
}

} // namespace

void check_source_ip_only_private_ranges(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.effect) {
      continue;
    }
    for (const auto& c : st.conditions) {
      const auto values = support::source_ip_values(c);
      if (values.private_ranges.empty() || !values.public_ranges.empty() || values.unknown) {
        continue; // a mixed list is PL105's
      }
      for (const auto* v : values.private_ranges) {
        auto& d = ctx.report(v->range,
                             "{} range \"{}\" is private or reserved{}: "
                             "aws:SourceIp only ever holds a public address (through a VPC endpoint the request "
                             "carries aws:VpcSourceIp instead), so {} {}; name your network's public (NAT) "
                             "addresses, or test aws:VpcSourceIp together with aws:SourceVpc",
                             c.operator_text.value, v->text,
                             values.private_ranges.size() > 1 ? ", as are the condition's other ranges" : "",
                             c.operator_text.value, consequence(st, c));
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::network
