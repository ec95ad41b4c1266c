#pragma once
#include <policylint/engine/rule.hpp>

#include <span>
#include <string>
#include <vector>

namespace policylint::engine {

// --select / --ignore: each entry is a code (PL101, ACME001), a code prefix (PL1, ACME: upper
// case letters and digits), a name or a category. An empty select list selects every rule; ignore wins over select.
struct Selection {
  std::vector<std::string> select;
  std::vector<std::string> ignore;

  [[nodiscard]] bool enabled(const RuleInfo& rule) const;
};

[[nodiscard]] bool selector_matches(std::string_view selector, const RuleInfo& rule);
// Entries that match no rule at all (reported as a usage error). `extra`: run-time rules
// (custom checks) that also count.
[[nodiscard]] std::vector<std::string> unknown_selectors(const std::vector<std::string>& selectors,
                                                         std::span<const RuleInfo* const> extra = {});

} // namespace policylint::engine
