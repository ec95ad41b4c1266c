// Condition operator names as AWS documents them, and statement labels.
#include <policylint/policy/model.hpp>

#include <array>
#include <string>
#include <string_view>

namespace policylint::policy {

namespace {

struct OpName {
  std::string_view name;
  Op op;
};

// The one table of operator spellings; parse_operator and operator_name both read it.
constexpr std::array<OpName, 27> k_op_names{{
    {"StringEquals", Op::string_equals},
    {"StringNotEquals", Op::string_not_equals},
    {"StringEqualsIgnoreCase", Op::string_equals_ignore_case},
    {"StringNotEqualsIgnoreCase", Op::string_not_equals_ignore_case},
    {"StringLike", Op::string_like},
    {"StringNotLike", Op::string_not_like},
    {"NumericEquals", Op::numeric_equals},
    {"NumericNotEquals", Op::numeric_not_equals},
    {"NumericLessThan", Op::numeric_less_than},
    {"NumericLessThanEquals", Op::numeric_less_than_equals},
    {"NumericGreaterThan", Op::numeric_greater_than},
    {"NumericGreaterThanEquals", Op::numeric_greater_than_equals},
    {"DateEquals", Op::date_equals},
    {"DateNotEquals", Op::date_not_equals},
    {"DateLessThan", Op::date_less_than},
    {"DateLessThanEquals", Op::date_less_than_equals},
    {"DateGreaterThan", Op::date_greater_than},
    {"DateGreaterThanEquals", Op::date_greater_than_equals},
    {"Bool", Op::boolean},
    {"BinaryEquals", Op::binary_equals},
    {"IpAddress", Op::ip_address},
    {"NotIpAddress", Op::not_ip_address},
    {"ArnEquals", Op::arn_equals},
    {"ArnLike", Op::arn_like},
    {"ArnNotEquals", Op::arn_not_equals},
    {"ArnNotLike", Op::arn_not_like},
    {"Null", Op::null},
}};

constexpr std::string_view k_for_any_value = "ForAnyValue:";
constexpr std::string_view k_for_all_values = "ForAllValues:";
constexpr std::string_view k_if_exists = "IfExists";

} // namespace

OpFamily family_of(Op op) {
  switch (op) {
  case Op::string_equals:
  case Op::string_not_equals:
  case Op::string_equals_ignore_case:
  case Op::string_not_equals_ignore_case:
  case Op::string_like:
  case Op::string_not_like:
    return OpFamily::string;
  case Op::numeric_equals:
  case Op::numeric_not_equals:
  case Op::numeric_less_than:
  case Op::numeric_less_than_equals:
  case Op::numeric_greater_than:
  case Op::numeric_greater_than_equals:
    return OpFamily::numeric;
  case Op::date_equals:
  case Op::date_not_equals:
  case Op::date_less_than:
  case Op::date_less_than_equals:
  case Op::date_greater_than:
  case Op::date_greater_than_equals:
    return OpFamily::date;
  case Op::boolean:
    return OpFamily::boolean;
  case Op::binary_equals:
    return OpFamily::binary;
  case Op::ip_address:
  case Op::not_ip_address:
    return OpFamily::ip_address;
  case Op::arn_equals:
  case Op::arn_like:
  case Op::arn_not_equals:
  case Op::arn_not_like:
    return OpFamily::arn;
  case Op::null:
    return OpFamily::null;
  }
  return OpFamily::string;
}

bool is_negated(Op op) {
  switch (op) {
  case Op::string_not_equals:
  case Op::string_not_equals_ignore_case:
  case Op::string_not_like:
  case Op::numeric_not_equals:
  case Op::date_not_equals:
  case Op::not_ip_address:
  case Op::arn_not_equals:
  case Op::arn_not_like:
    return true;
  default:
    return false;
  }
}

std::optional<Operator> parse_operator(std::string_view name) {
  Operator result;
  if (name.starts_with(k_for_any_value)) {
    result.qualifier = SetQualifier::for_any_value;
    name.remove_prefix(k_for_any_value.size());
  } else if (name.starts_with(k_for_all_values)) {
    result.qualifier = SetQualifier::for_all_values;
    name.remove_prefix(k_for_all_values.size());
  }
  // Try the exact name first: no base name ends in "IfExists", so this is unambiguous.
  for (const auto& entry : k_op_names) {
    if (entry.name == name) {
      result.op = entry.op;
      return result;
    }
  }
  if (name.ends_with(k_if_exists)) {
    const auto base = name.substr(0, name.size() - k_if_exists.size());
    for (const auto& entry : k_op_names) {
      // NullIfExists is documented as invalid.
      if (entry.name == base && entry.op != Op::null) {
        result.op = entry.op;
        result.if_exists = true;
        return result;
      }
    }
  }
  return std::nullopt;
}

std::string operator_name(const Operator& op) {
  std::string out;
  if (op.qualifier == SetQualifier::for_any_value) {
    out += k_for_any_value;
  } else if (op.qualifier == SetQualifier::for_all_values) {
    out += k_for_all_values;
  }
  for (const auto& entry : k_op_names) {
    if (entry.op == op.op) {
      out += entry.name;
      break;
    }
  }
  if (op.if_exists) {
    out += k_if_exists;
  }
  return out;
}

std::string Statement::label() const {
  if (sid.has_value() && !sid->value.empty()) {
    return sid->value;
  }
  return "#" + std::to_string(index + 1);
}

} // namespace policylint::policy
