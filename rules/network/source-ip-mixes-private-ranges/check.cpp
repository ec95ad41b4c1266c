// PL105: an aws:SourceIp condition that names public ranges and private ones: the private ones
// never match, because aws:SourceIp only ever holds a public address.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/source_ip_values.hpp>

namespace policylint::rules::network {

void check_source_ip_mixes_private_ranges(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      const auto values = support::source_ip_values(c);
      if (values.private_ranges.empty() || values.public_ranges.empty()) {
        continue; // all private is PL104's
      }
      for (const auto* v : values.private_ranges) {
        auto& d = ctx.report(v->range,
                             "{} range \"{}\" is private or reserved: aws:SourceIp only ever holds a public address, "
                             "so this value never matches (a request through a VPC endpoint carries "
                             "aws:VpcSourceIp instead); remove it, or move it to an aws:VpcSourceIp condition "
                             "together with aws:SourceVpc",
                             c.operator_text.value, v->text);
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::network
