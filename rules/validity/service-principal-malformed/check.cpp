// PL025: a service principal (Principal "Service", or a kms:ViaService value) that is not a
// service's DNS name.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/eval/variables.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

namespace policylint::rules::validity {

namespace {

// The domains AWS service principals live under: commercial and GovCloud partitions, China,
// Alexa's, and the isolated partitions'.
constexpr std::array<std::string_view, 5> k_domains{".amazonaws.com", ".amazonaws.com.cn", ".amazon.com",
                                                    ".c2s.ic.gov", ".sc2s.sgov.gov"};

bool label_char(char c, bool wildcards) {
  const auto u = static_cast<unsigned char>(c);
  return std::islower(u) != 0 || std::isdigit(u) != 0 || c == '-' || c == '.' || (wildcards && (c == '*' || c == '?'));
}

// "name.amazonaws.com", "states.us-east-1.amazonaws.com": lower-case DNS labels before a
// service domain. Wildcards are allowed where the operator matches patterns.
bool well_formed(std::string_view value, bool wildcards) {
  for (const std::string_view domain : k_domains) {
    if (value.size() > domain.size() && value.ends_with(domain)) {
      const std::string_view host = value.substr(0, value.size() - domain.size());
      return host.front() != '.' && host.front() != '-' && host.back() != '.' &&
             host.find("..") == std::string_view::npos &&
             std::ranges::all_of(host, [&](char c) { return label_char(c, wildcards); });
    }
  }
  return false;
}

constexpr std::string_view k_expected = "a service's DNS name such as lambda.amazonaws.com";

} // namespace

void check_service_principal_malformed(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable) {
      continue;
    }
    for (const auto& p : st.principal.values) {
      // A wildcard is what an unresolved intrinsic (Fn::FindInMap, Fn::Sub of the Region)
      // became, so only wildcard-free values are judged.
      if (p.type == "Service" && p.value.value.find_first_of("*?") == std::string::npos &&
          !well_formed(p.value.value, false)) {
        auto& d = ctx.report(p.value.range, "service principal \"{}\" is not {}, so IAM rejects the policy",
                             p.value.value, k_expected);
        d.statement = st.label();
      }
    }
    for (const auto& c : st.conditions) {
      if (!c.op || policy::family_of(c.op->op) != policy::OpFamily::string) {
        continue;
      }
      const std::string_view key = c.key.value;
      constexpr std::string_view k_via = "kms:viaservice";
      const bool via = key.size() == k_via.size() && std::ranges::equal(key, k_via, [](char a, char b) {
                         return std::tolower(static_cast<unsigned char>(a)) == b;
                       });
      if (!via) {
        continue;
      }
      const bool like = c.op->op == policy::Op::string_like || c.op->op == policy::Op::string_not_like;
      for (const auto& v : c.values) {
        if (!eval::has_variable(v.text) && !well_formed(v.text, like)) {
          auto& d = ctx.report(v.range, "kms:ViaService value \"{}\" is not {} (with its Region: "
                                        "s3.us-east-1.amazonaws.com), so it never matches",
                               v.text, k_expected);
          d.statement = st.label();
        }
      }
    }
  }
}

} // namespace policylint::rules::validity
