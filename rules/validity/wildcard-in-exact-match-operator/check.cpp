// PL035: a '*' or '?' in a value of StringEquals, StringNotEquals, StringEqualsIgnoreCase or
// StringNotEqualsIgnoreCase (any qualifier, IfExists or not): these compare the text exactly, so
// the wildcard only matches itself (Access Analyzer's WILDCARD_WITHOUT_LIKE_OPERATOR).
// ArnEquals and ArnNotEquals are left out on purpose: IAM evaluates them exactly like ArnLike
// and ArnNotLike, so a wildcard there does act as one.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/unknown_values.hpp>

#include <string>
#include <string_view>

namespace policylint::rules::validity {

namespace {

bool exact_string_op(policy::Op op) {
  using policy::Op;
  return op == Op::string_equals || op == Op::string_not_equals || op == Op::string_equals_ignore_case ||
         op == Op::string_not_equals_ignore_case;
}

// True when '*' or '?' appears outside every ${...}: "${aws:username}" and the literal-character
// variables "${*}" and "${?}" hold no wildcard.
bool literal_wildcard(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 2) == "${") {
      const auto close = value.find('}', i + 2);
      if (close == std::string_view::npos) {
        return false; // malformed variable: PL011 policy-variable-invalid reports it
      }
      i = close;
    } else if (value[i] == '*' || value[i] == '?') {
      return true;
    }
  }
  return false;
}

bool ignores_case(policy::Op op) {
  return op == policy::Op::string_equals_ignore_case || op == policy::Op::string_not_equals_ignore_case;
}

// The Like operator with the same qualifier and IfExists: ArnLike for a key the catalog types as
// an ARN (StringLike there would be PL604's finding), StringLike otherwise.
std::string like_name(policy::Operator op, const catalog::Catalog& cat, const std::string& key) {
  const auto known = cat.find_condition_key(key);
  const bool arn = known && catalog::element_type(known->type()) == catalog::KeyType::arn;
  const bool negated = policy::is_negated(op.op);
  if (arn) {
    op.op = negated ? policy::Op::arn_not_like : policy::Op::arn_like;
  } else {
    op.op = negated ? policy::Op::string_not_like : policy::Op::string_like;
  }
  return policy::operator_name(op);
}

} // namespace

void check_wildcard_in_exact_match_operator(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || !exact_string_op(c.op->op)) {
        continue;
      }
      for (const auto& v : c.values) {
        if (v.type != policy::ValueType::string || !literal_wildcard(v.text) || !support::wildcard_written(unit.file, v.range)) {
          continue;
        }
        ctx.report(v.range,
                   "value \"{}\" of \"{}\" on \"{}\" in statement {} holds a wildcard, but \"{}\" compares it "
                   "literally: '*' and '?' match only themselves; use \"{}\" for a pattern{} (or ${{*}} / ${{?}} "
                   "for a literal character)",
                   v.text, c.operator_text.value, c.key.value, st.label(), c.operator_text.value,
                   like_name(*c.op, *unit.catalog, c.key.value), ignores_case(c.op->op) ? ", which compares case-sensitively" : "")
            .statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
