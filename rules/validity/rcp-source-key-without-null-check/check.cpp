// PL609: an RCP Deny on a key some service integrations never send (aws:SourceAccount...) with
// no Null check: the services that omit it are denied along with the ones it aims at.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/rcp_requests.hpp>

#include <array>

namespace policylint::rules::validity {

namespace {

constexpr std::array<std::string_view, 4> k_source_keys{"aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths",
                                                        "aws:SourceArn"};
// A service principal's request from an integration that sends no source keys (nor, being a
// service, the caller's organisation, account or tags).
constexpr std::array<std::string_view, 8> k_absent{
    "aws:SourceAccount",  "aws:SourceOrgID",       "aws:SourceOrgPaths",   "aws:SourceArn",
    "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalTag/"};

} // namespace

void check_rcp_source_key_without_null_check(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.type != policy::PolicyType::rcp) {
    return;
  }
  const rcp::RequestShape keyless_service{k_absent, true};
  for (const auto& st : unit.policy.statements) {
    const policy::Condition* c = rcp::denies_shape(st, k_source_keys, keyless_service);
    if (c == nullptr) {
      continue;
    }
    ctx.report(c->key.range,
               "statement {} denies when \"{}\" does not match, and some AWS services do not send \"{}\" when they "
               "act on your resources: their requests are denied; add \"Null\": {{\"{}\": \"false\"}} so the "
               "statement applies only when the key is present",
               st.label(), c->key.value, c->key.value, c->key.value)
        .statement = st.label();
  }
}

} // namespace policylint::rules::validity
