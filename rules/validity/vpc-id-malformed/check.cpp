// PL606: an aws:SourceVpc / aws:SourceVpce value that is not a VPC / VPC endpoint ID.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/eval/variables.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace policylint::rules::validity {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// "vpc-" or "vpce-" and then 8 or 17 letters and digits (the short and the long ID forms).
bool is_id(std::string_view value, std::string_view prefix) {
  if (!value.starts_with(prefix)) {
    return false;
  }
  const std::string_view rest = value.substr(prefix.size());
  return (rest.size() == 8 || rest.size() == 17) &&
         std::ranges::all_of(rest, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

void check_vpc_id_malformed(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || policy::family_of(c.op->op) != policy::OpFamily::string) {
        continue;
      }
      const bool vpc = iequals(c.key.value, "aws:SourceVpc");
      if (!vpc && !iequals(c.key.value, "aws:SourceVpce")) {
        continue;
      }
      const std::string_view prefix = vpc ? "vpc-" : "vpce-";
      for (const auto& v : c.values) {
        // Patterns and variables stand for IDs not written here; only literal IDs are judged.
        if (v.text.find_first_of("*?") != std::string::npos || eval::has_variable(v.text) || is_id(v.text, prefix)) {
          continue;
        }
        auto& d = ctx.report(v.range,
                             "{} value \"{}\" is not a {} ID ({} followed by 8 or 17 letters and digits), so the "
                             "condition never matches it",
                             c.key.value, v.text, vpc ? "VPC" : "VPC endpoint", prefix);
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
