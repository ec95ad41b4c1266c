// PL045: the partition segment of an ARN that is no AWS partition: a Resource/NotResource ARN
// (Access Analyzer's INVALID_PARTITION) or an AWS or Federated principal ARN, which IAM cannot
// resolve. Mostly typos ("aws-gov", "aws-china"), upper case ("AWS") and placeholders left in.
// Not reported: partitions with a wildcard or a policy variable (a template's
// "${AWS::Partition}" when it survived extraction), and empty ones, which the parser reports
// (PL008). Whether a service is offered in a partition is not in the catalog, so a real
// partition is always accepted.
#include <policylint/core/edit_distance.hpp>
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::rules::validity {

namespace {

// AWS's partitions (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html), in
// the order messages list them. AWS adds partitions rarely, and each one is a new IAM.
constexpr std::array<std::string_view, 8> k_partitions = {
    "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
};

bool is_partition(std::string_view s) { return std::ranges::find(k_partitions, s) != k_partitions.end(); }

// Nothing to judge in a pattern or a variable.
bool judged(std::string_view partition) {
  return !partition.empty() && partition.find_first_of("*?") == std::string_view::npos &&
         partition.find("${") == std::string_view::npos;
}

// Every character of `s`, in order, is in `longer`: `s` lacks letters but has none wrong.
bool subsequence_of(std::string_view s, std::string_view longer) {
  std::size_t i = 0;
  for (const char c : longer) {
    if (i < s.size() && s[i] == c) {
      ++i;
    }
  }
  return i == s.size();
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ");
    out += names[i];
  }
  return out;
}

// "did you mean aws-us-gov?" for a near typo (upper case, a missing "aws-", up to three edits
// that leave two thirds of the name; among equals, those the value only lacks letters of),
// otherwise the list of partitions.
std::string advice(std::string_view partition) {
  const std::string lower = query::to_lower(partition);
  if (is_partition(lower)) {
    return "partitions are lower case: " + lower;
  }
  if (const std::string prefixed = "aws-" + lower; is_partition(prefixed)) {
    return "did you mean " + prefixed + "?";
  }
  constexpr std::size_t k_limit = 3;
  std::size_t best = k_limit + 1;
  std::vector<std::string_view> nearest;
  for (const std::string_view p : k_partitions) {
    const std::size_t d = core::edit_distance(lower, p, k_limit);
    if (d > k_limit || 3 * d > p.size()) {
      continue;
    }
    if (d < best) {
      best = d;
      nearest.clear();
    }
    if (d == best) {
      nearest.push_back(p);
    }
  }
  if (std::ranges::any_of(nearest, [&](std::string_view p) { return subsequence_of(lower, p); })) {
    std::erase_if(nearest, [&](std::string_view p) { return !subsequence_of(lower, p); });
  }
  if (!nearest.empty()) {
    return "did you mean " + joined(nearest) + "?";
  }
  return "use one of " + joined({k_partitions.begin(), k_partitions.end()});
}

void check_value(const policy::Statement& st, const policy::Text& value, std::string_view consequence,
                 engine::RuleContext& ctx) {
  const auto arn = eval::parse_arn(value.value);
  if (!arn || !judged(arn->partition) || is_partition(arn->partition)) {
    return;
  }
  ctx.report(value.range, "partition \"{}\" of ARN \"{}\" in statement {} is not an AWS partition, so {}; {}",
             arn->partition, value.value, st.label(), consequence, advice(arn->partition))
      .statement = st.label();
}

} // namespace

void check_arn_partition_unknown(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    for (const auto& r : st.resource.values) {
      check_value(st, r, "the ARN matches no resource", ctx);
    }
    for (const auto& p : st.principal.values) {
      if (p.type == "AWS" || p.type == "Federated") {
        check_value(st, p.value, "IAM rejects it as a principal", ctx);
      }
    }
  }
}

} // namespace policylint::rules::validity
