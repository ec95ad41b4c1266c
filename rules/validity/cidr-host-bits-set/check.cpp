// PL023: an IP range with host bits set ("203.0.113.7/24") means the whole network to AWS.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/generated/rule_declarations.hpp>

namespace policylint::rules::validity {

void check_cidr_host_bits_set(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    for (const auto& c : st.conditions) {
      if (!c.op || policy::family_of(c.op->op) != policy::OpFamily::ip_address) {
        continue;
      }
      for (const auto& v : c.values) {
        if (v.text.find("${") != std::string::npos) {
          continue;
        }
        const auto range = eval::try_parse_cidr(v.text);
        if (!range || !range->host_bits_set) {
          continue;
        }
        const std::string network = eval::format_cidr(*range);
        auto& d = ctx.report(v.range,
                             "value \"{}\" of {} has host bits set: AWS reads it as {}, the whole network; write {} "
                             "(or a /{} range for the single address)",
                             v.text, c.operator_text.value, network, network, range->network.ipv6 ? 128 : 32);
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
