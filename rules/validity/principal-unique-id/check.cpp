// PL043: an AWS principal written as an IAM unique ID, "AROA..." for a role or "AIDA..." for a
// user (Access Analyzer's INVALID_ROLE_REFERENCE and INVALID_USER_REFERENCE warnings). IAM turns
// the ARN in a resource or trust policy into the principal's unique ID; when the principal is
// deleted, the policy shows the bare ID, which matches no principal any more.
// The values are those the parser accepts as unique IDs (PL010 reports anything else that is
// not an account ID, an ARN or "*"), so no token is reported by both.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <string_view>

namespace policylint::rules::validity {

namespace {

// The kind of principal a unique ID names, or empty when the value is not one.
std::string_view unique_id_kind(std::string_view s) {
  if (s.size() < 16) {
    return {};
  }
  if (s.starts_with("AROA")) {
    return "role";
  }
  if (s.starts_with("AIDA")) {
    return "user";
  }
  return {};
}

} // namespace

void check_principal_unique_id(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& p : st.principal.values) {
      if (p.type != "AWS") {
        continue;
      }
      const auto kind = unique_id_kind(p.value.value);
      if (kind.empty()) {
        continue;
      }
      ctx.report(p.value.range,
                 "\"{}\" is the unique ID of an IAM {}, which is how AWS shows a principal that was deleted: it "
                 "matches no principal, and a new {} created with the same name is not trusted; write the {}'s "
                 "ARN (arn:aws:iam::ACCOUNT:{}/NAME) or remove the entry",
                 p.value.value, kind, kind, kind, kind)
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
