// PL011: a policy variable that is malformed, or written where IAM does not substitute it
// (iam-semantics §7; Access Analyzer's *_VARIABLE_* checks).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/variables.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace policylint::rules::validity {

namespace {

enum class Problem { none, missing_brace, missing_quote, space, empty };

// One "${…}" occurrence: [begin, end) in the value, and what is wrong with its syntax.
struct Occurrence {
  std::size_t begin = 0;
  std::size_t end = 0;
  Problem problem = Problem::none;
};

// Parses the variable that starts at text[pos] == '$', text[pos + 1] == '{'.
Occurrence parse_at(std::string_view text, std::size_t pos) {
  Occurrence occ{pos, text.size(), Problem::none};
  std::size_t i = pos + 2;
  while (i < text.size() && text[i] != '}' && text[i] != ',' && !text.substr(i).starts_with("${")) {
    ++i;
  }
  if (i >= text.size() || text[i] == '$') {
    occ.end = i;
    occ.problem = Problem::missing_brace;
    return occ;
  }
  const std::string_view key = text.substr(pos + 2, i - pos - 2);
  const bool key_blank = key.find_first_not_of(' ') == std::string_view::npos;
  if (text[i] == '}') {
    occ.end = i + 1;
    if (key_blank) {
      occ.problem = Problem::empty;
    } else if (key.find(' ') != std::string_view::npos) {
      occ.problem = Problem::space;
    }
    return occ;
  }
  // A default value: ", 'text'" before the closing brace.
  std::size_t j = i + 1;
  while (j < text.size() && text[j] == ' ') {
    ++j;
  }
  if (j < text.size() && text[j] == '\'') {
    const auto close = text.find('\'', j + 1);
    if (close != std::string_view::npos) {
      std::size_t k = close + 1;
      while (k < text.size() && text[k] == ' ') {
        ++k;
      }
      if (k < text.size() && text[k] == '}') {
        occ.end = k + 1;
        if (key_blank) {
          occ.problem = Problem::empty;
        } else if (key.find(' ') != std::string_view::npos) {
          occ.problem = Problem::space;
        }
        return occ;
      }
    }
  }
  const auto brace = text.find('}', i);
  if (brace == std::string_view::npos) {
    occ.end = text.size();
    occ.problem = Problem::missing_brace;
  } else {
    occ.end = brace + 1;
    occ.problem = Problem::missing_quote;
  }
  return occ;
}

// Index just past the n-th colon (npos when the value has fewer colons). Past the fifth is
// where a Resource's resource part begins — the same split the evaluator substitutes from.
std::size_t after_colon(std::string_view value, int n) {
  std::size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = value.find(':', pos);
    if (pos == std::string_view::npos) {
      return std::string_view::npos;
    }
    ++pos;
  }
  return pos;
}

enum class Place { resource, condition_value, unsupported };

class Checker {
public:
  Checker(const engine::PolicyUnit& unit, engine::RuleContext& ctx) : m_unit(unit), m_ctx(ctx) {}

  // `where` names the element for messages; `allowed` is false where variables never work.
  void check(std::string_view value, SourceRange range, const std::string& statement, std::string_view where,
             Place place) {
    if (!eval::has_variable(value)) {
      return;
    }
    // AWS's own managed policies put variables in the account segment
    // ("arn:*:kms:*:${aws:PrincipalAccount}:key/*"), so only the "arn", partition and service
    // segments — the text before the third colon — are reported as outside the resource part.
    const std::size_t resource_start = place == Place::resource ? after_colon(value, 3) : 0;
    std::size_t pos = value.find("${");
    while (pos != std::string_view::npos) {
      const Occurrence occ = parse_at(value, pos);
      const std::string_view text = value.substr(occ.begin, occ.end - occ.begin);
      const SourceRange at = inner(value, range, occ);
      if (!m_unit.policy.variables_enabled()) {
        const auto& version = m_unit.policy.version;
        report(at, statement, "policy variable \"{}\" in {} is plain text {}; policy variables need Version \"2012-10-17\"",
               text, where,
               version ? "under Version \"" + version->value + "\"" : std::string("in a policy without Version"));
        return; // once per value: the fix is the Version, not the value
      }
      if (place == Place::unsupported) {
        report(at, statement, "policy variable \"{}\" is not supported in {}; IAM reads it as plain text", text,
               where);
      } else if (place == Place::resource && (resource_start == std::string_view::npos || pos < resource_start)) {
        report(at, statement,
               "policy variable \"{}\" in {} is in the ARN's partition or service, where IAM does not "
               "substitute it; variables belong in the resource part (after the fifth colon)",
               text, where);
      } else {
        switch (occ.problem) {
        case Problem::none:
          break;
        case Problem::missing_brace:
          report(at, statement, "policy variable \"{}\" in {} has no closing brace", text, where);
          break;
        case Problem::missing_quote:
          report(at, statement, "policy variable \"{}\" in {}: a default value must be in single quotes, as in "
                 "\"${{aws:PrincipalTag/team, 'none'}}\"", text, where);
          break;
        case Problem::space:
          report(at, statement, "policy variable \"{}\" in {} has a space in its name", text, where);
          break;
        case Problem::empty:
          report(at, statement, "policy variable \"{}\" in {} is empty", text, where);
          break;
        }
      }
      if (occ.problem == Problem::missing_brace) {
        pos = value.find("${", occ.end);
      } else {
        pos = value.find("${", occ.end > pos + 2 ? occ.end : pos + 2);
      }
    }
  }

private:
  template <class... Args>
  void report(SourceRange range, const std::string& statement, fmt::format_string<Args...> format, Args&&... args) {
    auto& d = m_ctx.report(range, format, std::forward<Args>(args)...);
    if (!statement.empty()) {
      d.statement = statement;
    }
  }

  // The variable's own bytes when the token is the value in quotes with no escapes; else the token.
  [[nodiscard]] SourceRange inner(std::string_view value, SourceRange range, const Occurrence& occ) const {
    if (m_unit.file == nullptr || range.end < range.begin || range.end - range.begin != value.size() + 2) {
      return range;
    }
    const std::string_view source = m_unit.file->text();
    if (range.end > source.size() || source.substr(range.begin + 1, value.size()) != value) {
      return range;
    }
    const auto begin = static_cast<std::uint32_t>(range.begin + 1 + occ.begin);
    const auto end = static_cast<std::uint32_t>(range.begin + 1 + occ.end);
    return SourceRange{begin, end};
  }

  const engine::PolicyUnit& m_unit;
  engine::RuleContext& m_ctx;
};

bool accepts_variables(const policy::Condition& condition) {
  if (!condition.op) {
    return true; // unknown operator: PL006's finding, not ours
  }
  switch (policy::family_of(condition.op->op)) {
  case policy::OpFamily::string:
  case policy::OpFamily::arn:
  case policy::OpFamily::boolean:
    return true;
  default:
    return false;
  }
}

} // namespace

void check_policy_variable_invalid(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  Checker checker(unit, ctx);
  for (const auto& st : unit.policy.statements) {
    const std::string label = st.label();
    const char* action = st.action.negated ? "NotAction" : "Action";
    for (const auto& v : st.action.values) {
      checker.check(v.value, v.range, label, action, Place::unsupported);
    }
    const char* principal = st.principal.negated ? "NotPrincipal" : "Principal";
    for (const auto& p : st.principal.values) {
      checker.check(p.value.value, p.value.range, label, principal, Place::unsupported);
    }
    const char* resource = st.resource.negated ? "NotResource" : "Resource";
    for (const auto& v : st.resource.values) {
      checker.check(v.value, v.range, label, resource, Place::resource);
    }
    for (const auto& c : st.conditions) {
      checker.check(c.key.value, c.key.range, label, "a condition key", Place::unsupported);
      const std::string where = c.operator_text.value + " condition value";
      const Place place = accepts_variables(c) ? Place::condition_value : Place::unsupported;
      for (const auto& v : c.values) {
        if (v.type == policy::ValueType::string) {
          checker.check(v.text, v.range, label, where, place);
        }
      }
    }
  }
}

} // namespace policylint::rules::validity
