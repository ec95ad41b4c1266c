// PL044: an AWS Region code that cannot be one: an aws:RequestedRegion value of a String
// operator (Access Analyzer's INVALID_REGION) or the region segment of a Resource ARN
// (INVALID_ARN_REGION, its malformed-segment half). "us-east", "useast1" and "US-EAST-1" match
// no request: Region codes are lower case and compared as written.
// Not reported: values with a wildcard or a policy variable, and well-formed codes missing from
// the list below (AWS adds Regions; whether a resource type is offered in a Region is not in
// the catalog).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace policylint::rules::validity {

namespace {

// AWS Region codes, from the AWS General Reference, "AWS Regions and endpoints"
// (https://docs.aws.amazon.com/general/latest/gr/rande.html), as of 2025. Sorted, for binary
// search. It admits the real codes that do not have the usual form (eusc-de-east-1).
constexpr std::array<std::string_view, 45> k_regions = {
    "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
    "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",   "ca-west-1",      "cn-north-1",
    "cn-northwest-1", "eu-central-1",   "eu-central-2",   "eu-isoe-west-1", "eu-north-1",     "eu-south-1",
    "eu-south-2",     "eu-west-1",      "eu-west-2",      "eu-west-3",      "eusc-de-east-1", "il-central-1",
    "me-central-1",   "me-south-1",     "mx-central-1",   "sa-east-1",      "us-east-1",      "us-east-2",
    "us-gov-east-1",  "us-gov-west-1",  "us-iso-east-1",  "us-iso-west-1",  "us-isob-east-1", "us-isof-east-1",
    "us-isof-south-1", "us-west-1",     "us-west-2",
};
static_assert(std::ranges::is_sorted(k_regions));

bool lower_letters(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= 'a' && c <= 'z'; });
}

bool digits(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
}

// The form of every commercial, China, GovCloud and ISO code:
// ^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$, matched by hand.
bool well_formed(std::string_view code) {
  if (code.size() < 3 || !lower_letters(code.substr(0, 2)) || code[2] != '-') {
    return false;
  }
  std::string_view rest = code.substr(3);
  const auto last = rest.rfind('-');
  if (last == std::string_view::npos || !digits(rest.substr(last + 1))) {
    return false;
  }
  rest = rest.substr(0, last);
  const auto dash = rest.find('-');
  if (dash != std::string_view::npos) {
    const std::string_view partition = rest.substr(0, dash);
    const bool iso = partition.starts_with("iso") && partition.size() <= 4 && lower_letters(partition);
    if (partition != "gov" && !iso) {
      return false;
    }
    rest = rest.substr(dash + 1);
  }
  return lower_letters(rest);
}

// Nothing to judge in a pattern or a variable (a template's "${AWS::Region}" included).
bool judged(std::string_view value) {
  return value.find_first_of("*?") == std::string_view::npos && value.find("${") == std::string_view::npos;
}

bool plausible(std::string_view code) {
  return std::ranges::binary_search(k_regions, code) || well_formed(code);
}

// " (Region codes are lower case: us-east-1)" when the lower-case spelling is plausible.
std::string hint(std::string_view code) {
  const std::string lower = query::to_lower(code);
  return lower != code && plausible(lower) ? " (Region codes are lower case: " + lower + ")" : "";
}

void check_requested_region(const policy::Statement& st, engine::RuleContext& ctx) {
  for (const auto& c : st.conditions) {
    if (!c.op || policy::family_of(c.op->op) != policy::OpFamily::string ||
        query::to_lower(c.key.value) != "aws:requestedregion") {
      continue;
    }
    for (const auto& v : c.values) {
      if (!judged(v.text) || plausible(v.text)) {
        continue;
      }
      ctx.report(v.range,
                 "\"{}\" in the {} condition on \"{}\" is not an AWS Region code like us-east-1{}, so it matches no "
                 "request",
                 v.text, c.operator_text.value, c.key.value, hint(v.text))
          .statement = st.label();
    }
  }
}

void check_arn_regions(const policy::Statement& st, engine::RuleContext& ctx) {
  for (const auto& r : st.resource.values) {
    const auto arn = eval::parse_arn(r.value);
    if (!arn || arn->region.empty() || !judged(arn->region) || plausible(arn->region)) {
      continue;
    }
    ctx.report(r.range,
               "region segment \"{}\" of ARN \"{}\" in statement {} is not an AWS Region code like us-east-1{}, so "
               "the ARN matches no resource; write the Region (or * for any, empty where the service's ARNs have "
               "none)",
               arn->region, r.value, st.label(), hint(arn->region))
        .statement = st.label();
  }
}

} // namespace

void check_region_code_malformed(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    check_arn_regions(st, ctx);
    if (st.evaluable) {
      check_requested_region(st, ctx);
    }
  }
}

} // namespace policylint::rules::validity
