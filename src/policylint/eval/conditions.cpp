#include <policylint/eval/conditions.hpp>

#include <policylint/eval/arn.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/eval/keys.hpp>
#include <policylint/eval/variables.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

namespace policylint::eval {

namespace {

using policy::Op;
using policy::OpFamily;
using policy::SetQualifier;

// The positive twin of a negated operator: negation is applied once, on the OR of the values.
Op positive_of(Op op) {
  switch (op) {
  case Op::string_not_equals:
    return Op::string_equals;
  case Op::string_not_equals_ignore_case:
    return Op::string_equals_ignore_case;
  case Op::string_not_like:
    return Op::string_like;
  case Op::numeric_not_equals:
    return Op::numeric_equals;
  case Op::date_not_equals:
    return Op::date_equals;
  case Op::not_ip_address:
    return Op::ip_address;
  case Op::arn_not_equals:
    return Op::arn_equals;
  case Op::arn_not_like:
    return Op::arn_like;
  default:
    return op;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `width` digits at text[pos].
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!is_digit(text[i])) {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

unsigned days_in_month(int year, int month) {
  static constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29U : k_days[month - 1];
}

std::optional<std::vector<std::uint8_t>> decode_base64(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t padding = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      v = c - 'a' + 26;
    } else if (is_digit(c)) {
      v = c - '0' + 52;
    } else if (c == '+') {
      v = 62;
    } else if (c == '/') {
      v = 63;
    } else if (c == '=') {
      ++padding;
      continue;
    }
    if (v < 0 || padding > 0) {
      return std::nullopt;
    }
    buffer = (buffer << 6U) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((buffer >> static_cast<unsigned>(bits)) & 0xffU));
    }
  }
  if (padding > 2) {
    return std::nullopt;
  }
  return out;
}

bool binary_equal(std::string_view policy_value, std::string_view request_value) {
  if (policy_value == request_value) {
    return true;
  }
  const auto a = decode_base64(policy_value);
  const auto b = decode_base64(request_value);
  return a && b && *a == *b;
}

bool numeric_compare(Op op, std::string_view policy_value, std::string_view request_value) {
  const auto p = parse_numeric_value(policy_value);
  const auto r = parse_numeric_value(request_value);
  if (!p || !r) {
    return false;
  }
  switch (op) {
  case Op::numeric_equals:
    return *r == *p;
  case Op::numeric_less_than:
    return *r < *p;
  case Op::numeric_less_than_equals:
    return *r <= *p;
  case Op::numeric_greater_than:
    return *r > *p;
  case Op::numeric_greater_than_equals:
    return *r >= *p;
  default:
    return false;
  }
}

bool date_compare(Op op, std::string_view policy_value, std::string_view request_value) {
  const auto p = parse_date_value(policy_value);
  const auto r = parse_date_value(request_value);
  if (!p || !r) {
    return false;
  }
  switch (op) {
  case Op::date_equals:
    return *r == *p;
  case Op::date_less_than:
    return *r < *p;
  case Op::date_less_than_equals:
    return *r <= *p;
  case Op::date_greater_than:
    return *r > *p;
  case Op::date_greater_than_equals:
    return *r >= *p;
  default:
    return false;
  }
}

bool ip_match(std::string_view policy_value, std::string_view request_value) {
  const auto range = try_parse_cidr(policy_value);
  if (!range) {
    return false;
  }
  // The request carries an address; accept a /32 or /128 spelling too.
  const auto request = try_parse_cidr(request_value);
  if (!request || request->prefix_length != (request->network.ipv6 ? 128U : 32U)) {
    return false;
  }
  return request_address_in_range(*range, request->network);
}

// Compares request values against the policy values of one condition.
class ConditionEvaluator {
public:
  ConditionEvaluator(const policy::Condition& condition, const Request& request, bool variables_enabled)
      : m_condition(condition), m_request(request), m_variables(variables_enabled) {}

  // Does any policy value satisfy the positive operator for this request value?
  [[nodiscard]] bool any_value_hits(Op positive, std::string_view request_value) const {
    for (const auto& value : m_condition.values) {
      if (value_hits(positive, value.text, request_value)) {
        return true;
      }
    }
    return false;
  }

  // False when some policy value holds a variable the request cannot resolve: the condition
  // then does not match, whatever the other values say.
  [[nodiscard]] bool all_values_resolve(Op positive) const {
    if (!substitutes(positive)) {
      return true;
    }
    for (const auto& value : m_condition.values) {
      if (has_variable(value.text) && !substitute_variables(value.text, m_request, VariableMode::literal)) {
        return false;
      }
    }
    return true;
  }

private:
  [[nodiscard]] bool substitutes(Op positive) const {
    const OpFamily family = policy::family_of(positive);
    return m_variables && (family == OpFamily::string || family == OpFamily::arn || family == OpFamily::boolean);
  }

  bool value_hits(Op positive, const std::string& policy_value, std::string_view request_value) const {
    const OpFamily family = policy::family_of(positive);
    if (!substitutes(positive) || !has_variable(policy_value)) {
      return compare(positive, policy_value, false, request_value);
    }
    const bool pattern = positive == Op::string_like || family == OpFamily::arn;
    const auto resolved = substitute_variables(policy_value, m_request,
                                               pattern ? VariableMode::glob : VariableMode::literal);
    if (!resolved) {
      return false; // excluded up front by all_values_resolve
    }
    return compare(positive, *resolved, pattern, request_value);
  }

  static bool compare(Op positive, std::string_view policy_value, bool escaped, std::string_view request_value) {
    switch (positive) {
    case Op::string_equals:
      return policy_value == request_value;
    case Op::string_equals_ignore_case:
      return ascii_iequals(policy_value, request_value);
    case Op::string_like:
      return glob_match(policy_value, request_value, GlobOptions{.ignore_case = false, .escapes = escaped});
    case Op::numeric_equals:
    case Op::numeric_less_than:
    case Op::numeric_less_than_equals:
    case Op::numeric_greater_than:
    case Op::numeric_greater_than_equals:
      return numeric_compare(positive, policy_value, request_value);
    case Op::date_equals:
    case Op::date_less_than:
    case Op::date_less_than_equals:
    case Op::date_greater_than:
    case Op::date_greater_than_equals:
      return date_compare(positive, policy_value, request_value);
    case Op::boolean: {
      const auto p = parse_bool_value(policy_value);
      const auto r = parse_bool_value(request_value);
      return p && r && *p == *r;
    }
    case Op::binary_equals:
      return binary_equal(policy_value, request_value);
    case Op::ip_address:
      return ip_match(policy_value, request_value);
    case Op::arn_equals:
    case Op::arn_like:
      return arn_like_matches(policy_value, request_value, escaped);
    default:
      return false;
    }
  }

  const policy::Condition& m_condition;
  const Request& m_request;
  bool m_variables = false;
};

bool null_matches(const policy::Condition& condition, bool present) {
  for (const auto& value : condition.values) {
    const auto wanted_absent = parse_bool_value(value.text);
    if (wanted_absent && *wanted_absent != present) {
      return true;
    }
  }
  return false;
}

} // namespace

std::optional<bool> parse_bool_value(std::string_view text) {
  if (ascii_iequals(text, "true")) {
    return true;
  }
  if (ascii_iequals(text, "false")) {
    return false;
  }
  return std::nullopt;
}

std::optional<double> parse_numeric_value(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    ++i;
  }
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  const std::size_t int_digits = i - int_start;
  std::size_t frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t frac_start = i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    frac_digits = i - frac_start;
  }
  if (i != text.size() || int_digits + frac_digits == 0) {
    return std::nullopt;
  }
  // from_chars rejects a leading '+'.
  const std::size_t start = (!text.empty() && text[0] == '+') ? 1 : 0;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data() + start, text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_date_value(std::string_view text) {
  if (!text.empty() && is_digit(text[0]) && text.find('-') == std::string_view::npos &&
      text.find(':') == std::string_view::npos) {
    return parse_numeric_value(text); // epoch seconds
  }
  const auto year = read_digits(text, 0, 4);
  if (!year || text.size() < 7 || text[4] != '-') {
    return std::nullopt;
  }
  const auto month = read_digits(text, 5, 2);
  if (!month || *month < 1 || *month > 12) {
    return std::nullopt;
  }
  int day = 1;
  std::size_t pos = 7;
  if (pos < text.size()) {
    if (text[pos] != '-') {
      return std::nullopt;
    }
    const auto d = read_digits(text, pos + 1, 2);
    if (!d || *d < 1 || static_cast<unsigned>(*d) > days_in_month(*year, *month)) {
      return std::nullopt;
    }
    day = *d;
    pos += 3;
  }
  double seconds = 0;
  if (pos < text.size()) {
    if (pos != 10 || text[pos] != 'T') {
      return std::nullopt;
    }
    const auto hour = read_digits(text, pos + 1, 2);
    const auto minute = read_digits(text, pos + 4, 2);
    if (!hour || !minute || text[pos + 3] != ':' || *hour > 23 || *minute > 59) {
      return std::nullopt;
    }
    seconds = *hour * 3600.0 + *minute * 60.0;
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      const auto second = read_digits(text, pos + 1, 2);
      if (!second || *second > 60) {
        return std::nullopt;
      }
      seconds += *second;
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {
        double scale = 0.1;
        ++pos;
        const std::size_t frac_start = pos;
        while (pos < text.size() && is_digit(text[pos])) {
          seconds += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == frac_start) {
          return std::nullopt;
        }
      }
    }
    if (pos < text.size()) {
      if (text[pos] == 'Z' && pos + 1 == text.size()) {
        pos += 1;
      } else if (text[pos] == '+' || text[pos] == '-') {
        const double sign = text[pos] == '+' ? 1.0 : -1.0;
        const auto oh = read_digits(text, pos + 1, 2);
        std::size_t mpos = pos + 3;
        if (mpos < text.size() && text[mpos] == ':') {
          ++mpos;
        }
        const auto om = read_digits(text, mpos, 2);
        if (!oh || !om || mpos + 2 != text.size() || *oh > 23 || *om > 59) {
          return std::nullopt;
        }
        // Local time = UTC + offset.
        seconds -= sign * (*oh * 3600.0 + *om * 60.0);
        pos = text.size();
      } else {
        return std::nullopt;
      }
    }
  }
  const auto days = days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(day));
  return static_cast<double>(days) * 86400.0 + seconds;
}

bool condition_matches(const policy::Condition& condition, const Request& request, bool variables_enabled) {
  if (!condition.op) {
    return false;
  }
  const policy::Operator& op = *condition.op;
  const auto* values = request.context_values(condition.key.value);
  if (op.op == Op::null) {
    return null_matches(condition, values != nullptr);
  }
  if (op.qualifier == SetQualifier::none &&
      (is_multivalued_key(condition.key.value) || (values != nullptr && values->size() > 1))) {
    return false;
  }
  const bool negated = policy::is_negated(op.op);
  if (values == nullptr || (op.qualifier == SetQualifier::none && values->empty())) {
    if (op.if_exists) {
      return true;
    }
    switch (op.qualifier) {
    case SetQualifier::for_all_values:
      return true;
    case SetQualifier::for_any_value:
      return false;
    case SetQualifier::none:
      return negated;
    }
  }
  const Op positive = positive_of(op.op);
  const ConditionEvaluator evaluator(condition, request, variables_enabled);
  if (!evaluator.all_values_resolve(positive)) {
    return false;
  }
  bool result = false;
  switch (op.qualifier) {
  case SetQualifier::none:
    result = evaluator.any_value_hits(positive, values->front()) != negated;
    break;
  case SetQualifier::for_any_value:
    result = false;
    for (const auto& value : *values) {
      if (evaluator.any_value_hits(positive, value) != negated) {
        result = true;
        break;
      }
    }
    break;
  case SetQualifier::for_all_values:
    result = true;
    for (const auto& value : *values) {
      if (evaluator.any_value_hits(positive, value) == negated) {
        result = false;
        break;
      }
    }
    break;
  }
  return result;
}

} // namespace policylint::eval
