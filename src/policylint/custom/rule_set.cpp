#include <policylint/custom/rule_set.hpp>

#include <policylint/custom/run_check.hpp>
#include <policylint/policy/builder.hpp>

#include <fmt/format.h>

namespace policylint::custom {

namespace {

constexpr std::size_t k_max_tags = 10; // SARIF consumers (GitHub) read at most ten

std::string principal_phrase(const PrincipalClass& p) {
  switch (p.type) {
  case PrincipalClass::Type::any: return "any caller";
  case PrincipalClass::Type::anonymous: return "an anonymous caller";
  case PrincipalClass::Type::outside: {
    std::vector<std::string> trusted;
    if (!p.trusted_accounts.empty()) {
      trusted.push_back(fmt::format("account{} {}", p.trusted_accounts.size() > 1 ? "s" : "", fmt::join(p.trusted_accounts, ", ")));
    }
    if (!p.trusted_organizations.empty()) {
      trusted.push_back(fmt::format("organization{} {}", p.trusted_organizations.size() > 1 ? "s" : "",
                                    fmt::join(p.trusted_organizations, ", ")));
    }
    return fmt::format("a caller outside {}", fmt::join(trusted, " and "));
  }
  }
  return "any caller";
}

std::string when_phrase(const Query& q) {
  std::vector<std::string> parts;
  for (const Constraint& c : q.when) {
    if (c.type == Constraint::Type::source_ip_outside) {
      parts.push_back(fmt::format("from outside {}", fmt::join(c.range_texts, ", ")));
    } else {
      parts.emplace_back(c.mfa == Constraint::Mfa::absent          ? "without MFA (long-term keys)"
                         : c.mfa == Constraint::Mfa::present_false ? "without MFA (MFA-less temporary credentials)"
                                                                   : "without MFA");
    }
  }
  return fmt::format("{}", fmt::join(parts, q.when_all ? " and " : " or "));
}

std::string generated_description(const Check& check) {
  const Query& q = check.query;
  std::vector<std::string> kinds;
  for (const auto k : q.kinds) {
    kinds.emplace_back(policy::kind_name(k));
  }
  std::string out = fmt::format("Reports every Allow statement of {} policies through which {} can be allowed {}",
                                kinds.empty() ? std::string("all") : fmt::format("{}", fmt::join(kinds, " and ")),
                                principal_phrase(q.principal), fmt::join(q.actions, ", "));
  if (!q.resources.empty()) {
    out += fmt::format(" on {}", fmt::join(q.resources, ", "));
  }
  if (!q.when.empty()) {
    out += " " + when_phrase(q);
  }
  out += ". The finding carries a concrete request that the evaluator allows.";
  return out;
}

} // namespace

std::string check_readme(const Check& check) {
  std::string out = fmt::format("# {} {}\n\n{}\n\n## What it does\n\n{}\n", check.code, check.name, check.summary,
                                check.docs.empty() ? generated_description(check) : check.docs);
  if (!check.docs.empty()) {
    out += "\n" + generated_description(check) + "\n";
  }
  if (!check.help.empty()) {
    out += fmt::format("\n## How to fix\n\n{}\n", check.help);
  }
  out += fmt::format("\n## Query\n\n```json\n{}\n```\n", check.query_text);
  if (!check.references.empty()) {
    out += "\n## References\n\n";
    for (const auto& r : check.references) {
      out += fmt::format("- {}\n", r);
    }
  }
  out += fmt::format("\nCustom check defined at {}.\n", check.origin);
  return out;
}

std::vector<const engine::RuleInfo*> CustomRuleSet::infos() const {
  std::vector<const engine::RuleInfo*> out;
  for (const auto& r : m_rules) {
    out.push_back(&r.info);
  }
  return out;
}

const engine::RuleInfo* CustomRuleSet::find(std::string_view code_or_name) const {
  for (const auto& r : m_rules) {
    if (r.info.code == code_or_name || r.info.name == code_or_name) {
      return &r.info;
    }
  }
  return nullptr;
}

void CustomRuleSet::add(Check check) {
  engine::RuntimeRule rule;
  rule.info.code = check.code;
  rule.info.name = check.name;
  rule.info.category = "custom";
  rule.info.severity = check.severity;
  rule.info.summary = check.summary;
  rule.info.precision = "high";
  rule.info.security = true;
  rule.info.tags = {"custom", "security"};
  for (const auto& t : check.tags) {
    if (rule.info.tags.size() < k_max_tags && std::find(rule.info.tags.begin(), rule.info.tags.end(), t) == rule.info.tags.end()) {
      rule.info.tags.push_back(t);
    }
  }
  rule.info.references = check.references;
  rule.info.readme = check_readme(check);
  rule.check = [c = std::move(check)](const engine::PolicyUnit& unit, engine::RuleContext& ctx) { run_check(c, unit, ctx); };
  m_rules.push_back(std::move(rule));
}

} // namespace policylint::custom
