#include <policylint/rules/support/probes.hpp>

#include <policylint/query/domain.hpp>

#include <algorithm>

namespace policylint::rules::support {

std::vector<std::string> probe_actions(const policy::Policy& policy) {
  std::vector<std::string> actions{"iam:CreateAccessKey", "iam:AttachUserPolicy", "s3:GetObject",
                                   "ec2:RunInstances",    "kms:Decrypt",          "lambda:UpdateFunctionCode",
                                   "sts:AssumeRole"};
  for (const auto& st : policy.statements) {
    for (const auto& a : st.action.values) {
      const bool literal = a.value.find_first_of("*?") == std::string::npos && a.value.find(':') != std::string::npos;
      if (literal && std::find(actions.begin(), actions.end(), a.value) == actions.end()) {
        actions.push_back(a.value);
      }
    }
  }
  return actions;
}

const policy::Text* star_action(const policy::Statement& st) {
  if (!st.evaluable || st.effect != policy::Effect::allow || st.action.negated) {
    return nullptr;
  }
  for (const auto& a : st.action.values) {
    if (a.value == "*" || a.value == "*:*") {
      return &a;
    }
  }
  return nullptr;
}

} // namespace policylint::rules::support
