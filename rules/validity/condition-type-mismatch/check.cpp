// PL603: operator family vs key type, and values that do not parse for their operator.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace policylint::rules::validity {

namespace {

using policy::OpFamily;

std::string_view family_name(OpFamily f) {
  switch (f) {
  case OpFamily::string: return "String";
  case OpFamily::numeric: return "Numeric";
  case OpFamily::date: return "Date";
  case OpFamily::boolean: return "Bool";
  case OpFamily::binary: return "Binary";
  case OpFamily::ip_address: return "IpAddress";
  case OpFamily::arn: return "ARN";
  case OpFamily::null: return "Null";
  }
  return "?";
}

// The operator families accepted for a key type: ARN keys also take String operators, and
// String keys ARN operators (AWS's own policies and documentation write ArnLike on
// kms:EncryptionContext:aws:s3:arn and on tags holding ARNs); every key takes Null.
bool family_fits(OpFamily f, catalog::KeyType t) {
  using catalog::KeyType;
  switch (t) {
  case KeyType::string: return f == OpFamily::string || f == OpFamily::arn;
  case KeyType::arn: return f == OpFamily::arn || f == OpFamily::string;
  case KeyType::numeric: return f == OpFamily::numeric;
  case KeyType::date: return f == OpFamily::date;
  case KeyType::boolean: return f == OpFamily::boolean;
  case KeyType::ip_address: return f == OpFamily::ip_address;
  case KeyType::binary: return f == OpFamily::binary;
  default: return true;
  }
}

std::string_view suggested_operator(catalog::KeyType t) {
  using catalog::KeyType;
  switch (t) {
  case KeyType::string: return "a String operator (StringEquals, StringLike…)";
  case KeyType::arn: return "an ARN operator (ArnLike, ArnEquals…)";
  case KeyType::numeric: return "a Numeric operator (NumericLessThan…)";
  case KeyType::date: return "a Date operator (DateGreaterThan…)";
  case KeyType::boolean: return "Bool";
  case KeyType::ip_address: return "IpAddress or NotIpAddress";
  case KeyType::binary: return "BinaryEquals";
  default: return "another operator";
  }
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
  }
  return v;
}

bool valid_number(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    s.remove_prefix(1);
  }
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) {
    return all_digits(s);
  }
  return all_digits(s.substr(0, dot)) && all_digits(s.substr(dot + 1));
}

bool valid_time(std::string_view t) {
  // hh:mm[:ss[.fff]] then Z or ±hh:mm (or nothing)
  if (t.size() < 5 || !all_digits(t.substr(0, 2)) || t[2] != ':' || !all_digits(t.substr(3, 2))) {
    return false;
  }
  if (number(t.substr(0, 2)) > 23 || number(t.substr(3, 2)) > 59) {
    return false;
  }
  t.remove_prefix(5);
  if (t.size() >= 3 && t[0] == ':') {
    if (!all_digits(t.substr(1, 2)) || number(t.substr(1, 2)) > 60) {
      return false;
    }
    t.remove_prefix(3);
    if (!t.empty() && t[0] == '.') {
      t.remove_prefix(1);
      std::size_t n = 0;
      while (n < t.size() && t[n] >= '0' && t[n] <= '9') {
        ++n;
      }
      if (n == 0) {
        return false;
      }
      t.remove_prefix(n);
    }
  }
  if (t.empty() || t == "Z" || t == "z") {
    return true;
  }
  return t.size() == 6 && (t[0] == '+' || t[0] == '-') && all_digits(t.substr(1, 2)) && t[3] == ':' &&
         all_digits(t.substr(4, 2));
}

// W3C ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, with optional THH:MM[:SS[.s]]TZD) or epoch seconds.
bool valid_date(std::string_view s) {
  if (all_digits(s) && s.size() != 4) {
    return true; // epoch seconds
  }
  if (s.size() < 4 || !all_digits(s.substr(0, 4))) {
    return false;
  }
  if (s.size() == 4) {
    return true;
  }
  if (s.size() < 7 || s[4] != '-' || !all_digits(s.substr(5, 2))) {
    return false;
  }
  const int month = number(s.substr(5, 2));
  if (month < 1 || month > 12) {
    return false;
  }
  if (s.size() == 7) {
    return true;
  }
  if (s.size() < 10 || s[7] != '-' || !all_digits(s.substr(8, 2))) {
    return false;
  }
  const int day = number(s.substr(8, 2));
  static constexpr int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day < 1 || day > k_days[month - 1]) {
    return false;
  }
  if (s.size() == 10) {
    return true;
  }
  return (s[10] == 'T' || s[10] == 't') && valid_time(s.substr(11));
}

bool valid_base64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0) {
    return false;
  }
  std::size_t pad = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad > 0 || !(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/')) {
      return false;
    }
  }
  return pad <= 2;
}


} // namespace

void check_condition_type_mismatch(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const catalog::Catalog& cat = *unit.catalog;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op) {
        continue;
      }
      const OpFamily fam = policy::family_of(c.op->op);
      if (fam != OpFamily::null && !support::is_provider_key(c.key.value)) {
        if (const auto key = cat.find_condition_key(c.key.value)) {
          const catalog::KeyType t = catalog::element_type(key->type());
          if (!family_fits(fam, t)) {
            auto& d = ctx.report(c.operator_text.range,
                                 "{} is a {} operator, but \"{}\" is of type {}; use {}", c.operator_text.value,
                                 family_name(fam), c.key.value, key->type_name(), suggested_operator(t));
            d.statement = st.label();
          }
        }
      }
      for (const auto& v : c.values) {
        if (v.text.find("${") != std::string::npos) {
          continue; // policy variables: PL011's concern
        }
        std::string_view problem;
        switch (fam) {
        case OpFamily::boolean:
          if (eval::ascii_lowered(v.text) != "true" && eval::ascii_lowered(v.text) != "false") {
            problem = "is not a boolean: Bool takes true or false";
          }
          break;
        case OpFamily::null:
          if (eval::ascii_lowered(v.text) != "true" && eval::ascii_lowered(v.text) != "false") {
            problem = "is not a boolean: Null takes true (key absent) or false (key present)";
          }
          break;
        case OpFamily::numeric:
          if (!valid_number(v.text)) {
            problem = "is not a number";
          }
          break;
        case OpFamily::date:
          if (!valid_date(v.text)) {
            problem = "is not a date: use ISO 8601 (2020-01-31 or 2020-01-31T12:00:00Z) or epoch seconds";
          }
          break;
        case OpFamily::ip_address:
          if (!eval::try_parse_cidr(v.text)) {
            problem = "is not an IP address or CIDR range (192.0.2.0/24, 2001:db8::/32)";
          }
          break;
        case OpFamily::binary:
          if (!valid_base64(v.text)) {
            problem = "is not base64 text";
          }
          break;
        default: break;
        }
        if (!problem.empty()) {
          auto& d = ctx.report(v.range, "value \"{}\" of {} {}, so the condition never matches as intended", v.text,
                               c.operator_text.value, problem);
          d.statement = st.label();
        }
      }
    }
  }
}

} // namespace policylint::rules::validity
