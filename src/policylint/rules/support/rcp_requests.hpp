#pragma once
// Whether an RCP Deny statement can apply to a kind of request that lacks some condition keys
// (an AWS service principal's, an IAM principal's): PL607-PL609 ask it of the statement's
// conditions, which are ANDed, so one condition that cannot hold spares the whole request.
#include <policylint/policy/model.hpp>

#include <algorithm>
#include <span>
#include <string_view>

namespace policylint::rules::rcp {

inline bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](char x, char y) { return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y); });
}

inline bool key_in(std::string_view key, std::span<const std::string_view> keys) {
  return std::ranges::any_of(keys, [&](std::string_view k) {
    // "aws:PrincipalTag/" stands for every tag key under it.
    return k.ends_with('/') ? key.size() > k.size() && iequals(key.substr(0, k.size()), k) : iequals(key, k);
  });
}

// A request as the rules imagine it: these keys are absent, aws:PrincipalIsAWSService is set.
struct RequestShape {
  std::span<const std::string_view> absent;
  bool aws_service = false;
};

// Whether a condition on a key the request lacks can be true (AWS's rules for a missing key).
inline bool holds_when_absent(const policy::Condition& c) {
  if (c.op->op == policy::Op::null) {
    return std::ranges::any_of(c.values, [](const auto& v) { return iequals(v.text, "true"); });
  }
  if (c.op->if_exists) {
    return true;
  }
  if (c.op->qualifier != policy::SetQualifier::none) {
    return c.op->qualifier == policy::SetQualifier::for_all_values; // an empty set: vacuously all
  }
  return policy::is_negated(c.op->op);
}

// False only when the condition is sure to be false for every request of that shape.
inline bool can_hold(const policy::Condition& c, const RequestShape& shape) {
  if (!c.op) {
    return true;
  }
  if (key_in(c.key.value, shape.absent)) {
    return holds_when_absent(c);
  }
  if (iequals(c.key.value, "aws:PrincipalIsAWSService") && c.op->qualifier == policy::SetQualifier::none) {
    const std::string_view present = shape.aws_service ? "true" : "false";
    if (c.op->op == policy::Op::boolean) {
      return std::ranges::any_of(c.values, [&](const auto& v) { return iequals(v.text, present); });
    }
    if (c.op->op == policy::Op::null) { // the key is in every request
      return std::ranges::any_of(c.values, [](const auto& v) { return iequals(v.text, "false"); });
    }
  }
  return true;
}

// The first condition on one of `trigger` keys, when every condition of the Deny statement can
// hold for the request shape: the statement denies such requests. nullptr otherwise.
inline const policy::Condition* denies_shape(const policy::Statement& st, std::span<const std::string_view> trigger,
                                             const RequestShape& shape) {
  if (!st.evaluable || st.effect != policy::Effect::deny) {
    return nullptr;
  }
  const auto first = std::ranges::find_if(st.conditions, [&](const policy::Condition& c) {
    return c.op && c.op->op != policy::Op::null && key_in(c.key.value, trigger);
  });
  if (first == st.conditions.end()) {
    return nullptr;
  }
  const bool all = std::ranges::all_of(st.conditions, [&](const policy::Condition& c) { return can_hold(c, shape); });
  return all ? &*first : nullptr;
}

} // namespace policylint::rules::rcp
