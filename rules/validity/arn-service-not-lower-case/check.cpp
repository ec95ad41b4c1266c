// PL038: a Resource or NotResource ARN whose service segment is not lower case ("arn:aws:S3:::b").
// Every AWS service writes its ARN service in lower case and Resource matching is case-sensitive,
// so the ARN matches nothing (Access Analyzer's INVALID_ARN_SERVICE_CASE).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace policylint::rules::validity {

namespace {

bool has_upper(std::string_view s) {
  return std::ranges::any_of(s, [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
  return out;
}

} // namespace

void check_arn_service_not_lower_case(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    for (const auto& r : st.resource.values) {
      const auto arn = eval::parse_arn(r.value);
      // A wildcard or a variable may stand for a lower-case service: nothing to say.
      if (!arn || !has_upper(arn->service) || arn->service.find_first_of("*?$") != std::string_view::npos) {
        continue;
      }
      ctx.report(r.range,
                 "service segment \"{}\" of ARN \"{}\" in statement {} is not lower case; AWS writes every ARN's "
                 "service in lower case and matches ARNs case-sensitively, so this one matches no resource: write "
                 "\"{}\"",
                 arn->service, r.value, st.label(), lower(arn->service))
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
