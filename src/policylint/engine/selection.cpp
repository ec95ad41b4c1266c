#include <policylint/engine/selection.hpp>

#include <policylint/engine/registry.hpp>

#include <algorithm>

namespace policylint::engine {

namespace {

// "PL1", "ACME": an upper-case letter, then upper-case letters and digits (names and
// categories are lower case, so the two never meet).
bool is_code_prefix(std::string_view selector) {
  return !selector.empty() && selector.front() >= 'A' && selector.front() <= 'Z' &&
         std::all_of(selector.begin(), selector.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

} // namespace

bool selector_matches(std::string_view selector, const RuleInfo& rule) {
  if (selector == "ALL" || selector == rule.name || selector == rule.category) {
    return true;
  }
  return is_code_prefix(selector) && rule.code.starts_with(selector);
}

bool Selection::enabled(const RuleInfo& rule) const {
  const auto hit = [&](const std::string& s) { return selector_matches(s, rule); };
  if (std::any_of(ignore.begin(), ignore.end(), hit)) {
    return false;
  }
  return select.empty() || std::any_of(select.begin(), select.end(), hit);
}

std::vector<std::string> unknown_selectors(const std::vector<std::string>& selectors,
                                           std::span<const RuleInfo* const> extra) {
  std::vector<std::string> unknown;
  for (const auto& s : selectors) {
    const auto rules = all_rules();
    if (std::none_of(rules.begin(), rules.end(), [&](const RuleInfo& r) { return selector_matches(s, r); }) &&
        std::none_of(extra.begin(), extra.end(), [&](const RuleInfo* r) { return selector_matches(s, *r); })) {
      unknown.push_back(s);
    }
  }
  return unknown;
}

} // namespace policylint::engine
