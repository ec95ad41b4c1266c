#include <policylint/rules/support/probes.hpp>

#include <policylint/eval/glob.hpp>
#include <policylint/query/domain.hpp>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_set>

namespace policylint::rules::support {

std::vector<std::string> probe_actions(const policy::Policy& policy) {
  static constexpr std::string_view k_always[] = {"iam:CreateAccessKey", "iam:AttachUserPolicy", "s3:GetObject",
                                                  "ec2:RunInstances",    "kms:Decrypt",          "lambda:UpdateFunctionCode",
                                                  "sts:AssumeRole"};
  std::vector<std::string> actions(std::begin(k_always), std::end(k_always));
  // The views point into k_always and the policy, never into `actions` (which moves as it
  // grows); the set keeps a policy of thousands of distinct actions linear.
  std::unordered_set<std::string_view> seen(std::begin(k_always), std::end(k_always));
  for (const auto& st : policy.statements) {
    for (const auto& a : st.action.values) {
      const bool literal = !eval::has_wildcard(a.value) && a.value.find(':') != std::string::npos;
      if (literal && seen.insert(a.value).second) {
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
