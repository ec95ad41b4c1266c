// PL026: what AWS Organizations rejects in a service control policy beyond the IAM grammar: an
// action wildcard anywhere but at the end (Principal/NotPrincipal is PL010's, the size PL012's).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

namespace policylint::rules::validity {

void check_scp_syntax_invalid(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.type != policy::PolicyType::scp) {
    return;
  }
  for (const auto& st : unit.policy.statements) {
    for (const auto& a : st.action.values) {
      const std::string_view name = a.value;
      const auto colon = name.find(':');
      // "*" alone and "service:Prefix*" are accepted; a '*' or '?' before the end is not.
      const std::string_view rest = colon == std::string_view::npos ? name : name.substr(colon + 1);
      const auto wildcard = rest.find_first_of("*?");
      const bool bad = name != "*" && (wildcard != std::string_view::npos &&
                                       (wildcard + 1 != rest.size() || rest[wildcard] == '?'));
      const bool bad_service = colon != std::string_view::npos &&
                               name.substr(0, colon).find_first_of("*?") != std::string_view::npos;
      if (bad || bad_service) {
        auto& d = ctx.report(a.range,
                             "\"{}\" in statement {}: a service control policy accepts a wildcard '*' only at the "
                             "end of an action (\"iam:Create*\") or \"*\" alone",
                             a.value, st.label());
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
