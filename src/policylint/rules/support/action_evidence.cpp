#include <policylint/rules/support/action_evidence.hpp>

#include <policylint/core/edit_distance.hpp>
#include <policylint/managed/managed_policies.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace policylint::rules::support {

namespace {

// ASCII only: action names, prefixes and condition keys are ASCII.
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), lower);
  return out;
}

using Names = std::vector<std::string_view>; // sorted, views into the embedded data

struct Evidence {
  Names actions;
  Names condition_keys;
  Names services;
};

// The names come sorted from the generator (managed::embedded_names), so reading them is one
// pass over 470 KB; indexing the 3 MB of documents here instead cost 20-40 ms at start.
Evidence read_evidence() {
  Evidence out;
  const std::string_view text = managed::embedded_names();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const std::size_t tab = line.find('\t');
    if (line.starts_with('#') || tab == std::string_view::npos) {
      continue;
    }
    const std::string_view kind = line.substr(0, tab);
    const std::string_view name = line.substr(tab + 1);
    if (kind == "action") {
      out.actions.push_back(name);
    } else if (kind == "condition-key") {
      out.condition_keys.push_back(name);
    } else if (kind == "service") {
      out.services.push_back(name);
    }
  }
  return out;
}

const Evidence& evidence() {
  static const Evidence k_evidence = read_evidence();
  return k_evidence;
}

bool contains(const Names& sorted, std::string_view name) {
  return std::ranges::binary_search(sorted, lowered(name));
}

} // namespace

bool named_by_aws_managed_policy(std::string_view action) { return contains(evidence().actions, action); }

bool service_named_by_aws_managed_policy(std::string_view prefix) {
  return contains(evidence().services, prefix);
}

bool condition_key_named_by_aws_managed_policy(std::string_view key) {
  return contains(evidence().condition_keys, key);
}

std::optional<std::string> near_typo_of(const catalog::Catalog& cat, std::string_view action) {
  constexpr std::size_t k_typo_edits = 2;
  const auto split = split_name(action);
  if (!split) {
    return std::nullopt;
  }
  const auto service = cat.find_service(split->prefix);
  if (!service) {
    return std::nullopt;
  }
  std::optional<std::string> best;
  std::size_t best_distance = k_typo_edits + 1;
  for (const catalog::Action& a : service->actions()) {
    const std::size_t d = core::edit_distance(split->name, a.action_name(), k_typo_edits);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(a.name());
    }
  }
  return best;
}

bool well_formed_action_name(std::string_view name) noexcept {
  return !name.empty() && std::isalpha(static_cast<unsigned char>(name.front())) != 0 &&
         std::ranges::all_of(name, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

UnknownAction classify_action(const catalog::Catalog& cat, std::string_view action) {
  if (cat.find_action(action) || named_by_aws_managed_policy(action)) {
    return UnknownAction::known;
  }
  const auto split = split_name(action);
  if (!split) {
    return UnknownAction::error;
  }
  const bool service_known = cat.find_service(split->prefix) || service_named_by_aws_managed_policy(split->prefix);
  if (!service_known || !well_formed_action_name(split->name) || near_typo_of(cat, action)) {
    return UnknownAction::error;
  }
  return UnknownAction::newer_than_catalog;
}

UnknownAction classify_action(const engine::PolicyUnit& unit, std::string_view action) {
  using Memo = std::unordered_map<std::string, UnknownAction>;
  Memo& memo = unit.shared_work<Memo>("classify-action", [] { return new Memo(); });
  const auto it = memo.find(std::string(action));
  if (it != memo.end()) {
    return it->second;
  }
  const UnknownAction verdict = classify_action(*unit.catalog, action);
  memo.emplace(std::string(action), verdict);
  return verdict;
}

} // namespace policylint::rules::support
