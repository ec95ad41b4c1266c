// PL610: a wildcard in a value of a key that names the caller or the resource owner, anchored by
// fewer than six identifying characters, where a looser match grants more.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/sensitive_values.hpp>

namespace policylint::rules::validity {

namespace {

// PL605 already reports a lone "*" under plain StringLike/ArnLike (the same as Null false).
bool reported_as_null_check(const policy::Condition& c, const policy::ConditionValue& v) {
  return v.text == "*" && !c.op->if_exists && c.op->qualifier == policy::SetQualifier::none &&
         (c.op->op == policy::Op::string_like || c.op->op == policy::Op::arn_like);
}

// A CloudFormation or Terraform value unknown before deployment is read as "*": only a
// wildcard written in the source is the author's.
bool written_wildcard(const engine::PolicyUnit& unit, const SourceRange& range) {
  if (unit.file == nullptr) {
    return true;
  }
  const std::string_view text = unit.file->text();
  if (range.begin >= range.end || range.end > text.size()) {
    return true;
  }
  return text.substr(range.begin, range.end - range.begin).find_first_of("*?") != std::string_view::npos;
}

} // namespace

void check_wildcard_too_permissive_in_sensitive_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.effect) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || !sensitive::is_sensitive(c.key.value) || !sensitive::wildcards_apply(c.op->op) ||
          !sensitive::looser_widens(*st.effect, c.op->op) ||
          sensitive::bounded_by_attachment(unit.policy.kind, c.key.value)) {
        continue;
      }
      for (const auto& v : c.values) {
        const auto verdict = sensitive::judge(c.key.value, v.text, c.op->op);
        // A value with a variable as well is PL611's: one finding per value.
        if (!verdict.has_wildcard || verdict.has_variable || verdict.anchored || reported_as_null_check(c, v) ||
            !written_wildcard(unit, v.range)) {
          continue;
        }
        ctx.report(v.range,
                   "\"{}\" under \"{}\" has a wildcard with fewer than {} identifying characters around it, so it "
                   "matches callers or owners well beyond yours; spell out the account, organisation or name",
                   v.text, c.key.value, sensitive::k_min_anchor)
            .statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
