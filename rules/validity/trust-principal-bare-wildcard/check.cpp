// PL046: "Principal": "*" (the bare string, not {"AWS": "*"}) in a role trust policy, Access
// Analyzer's ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL error. Resource policies accept
// the bare form, and trust policies accept {"AWS": "*"}; whether such a trust admits outsiders
// is for the access and trust rules (PL3xx: PL320 and others), which judge it by its conditions.
// A wildcard inside a principal value ("arn:aws:iam::111122223333:role/team-*", the
// UNSUPPORTED_WILDCARD_IN_PRINCIPAL error) is the parser's (PL010), in any policy.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <string_view>

namespace policylint::rules::validity {

namespace {

// The value is "*" in the user's own text, whatever the quoting ('*' in YAML, \"*\" inside a
// JSON string, ["*"] from a Terraform principals block): a template value that could not be
// resolved (Ref of a parameter) was linted as "*" too, and is not what the user wrote.
bool written_as_star(std::string_view file_text, SourceRange range) {
  if (range.end <= range.begin || range.end > file_text.size()) {
    return false;
  }
  const std::string_view s = file_text.substr(range.begin, range.end - range.begin);
  constexpr std::string_view k_around = "\"'\\[] \t\r\n";
  return std::ranges::count(s, '*') == 1 &&
         std::ranges::all_of(s, [&](char c) { return c == '*' || k_around.find(c) != std::string_view::npos; });
}

} // namespace

void check_trust_principal_bare_wildcard(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.kind != policy::PolicyKind::trust || unit.file == nullptr) {
    return;
  }
  for (const auto& st : unit.policy.statements) {
    const auto& principal = st.principal;
    if (!principal.present || principal.negated || !principal.bare_wildcard || principal.values.empty() ||
        !written_as_star(unit.file->text(), principal.values.front().value.range)) {
      continue;
    }
    ctx.report(principal.values.front().value.range,
               "statement {} of a role trust policy names its principal as the bare string \"*\", which Access "
               "Analyzer rejects in a trust policy; name the accounts, roles or services trusted, or write "
               "{{\"AWS\": \"*\"}} with conditions that confine the callers",
               st.label())
        .statement = st.label();
  }
}

} // namespace policylint::rules::validity
