// PL028: a resource policy whose resource the input names (a bucket policy, a key policy…) can
// only grant that service's actions on that service's resources; AWS rejects the others.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/engine.hpp>

namespace policylint::rules::validity {

namespace {

} // namespace

void check_resource_policy_names_other_service(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  const std::string& service = policy.resource_service;
  if (policy.kind != policy::PolicyKind::resource || service.empty() || policy.is_guardrail()) {
    return;
  }
  for (const auto& st : policy.statements) {
    if (!st.action.negated) {
      for (const auto& a : st.action.values) {
        const auto colon = a.value.find(':');
        if (a.value == "*" || colon == std::string::npos) {
          continue;
        }
        const std::string prefix = query::to_lower(a.value.substr(0, colon));
        if (!eval::has_wildcard(prefix) && prefix != service) {
          ctx.report(a.range, "\"{}\" in statement {} is not an action of {}: the resource policy of a {} resource grants only {}: actions",
                     a.value, st.label(), service, service, service)
              .statement = st.label();
        }
      }
    }
    for (const auto& r : st.resource.values) {
      const auto arn = eval::parse_arn(r.value);
      if (!arn || eval::has_wildcard(arn->service) || arn->service.find("${") != std::string_view::npos) {
        continue;
      }
      if (query::to_lower(arn->service) != service) {
        ctx.report(r.range, "\"{}\" in statement {} is an ARN of {}: the resource policy of a {} resource names only its own resources",
                   r.value, st.label(), arn->service, service)
            .statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
