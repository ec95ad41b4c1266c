#include <policylint/rules/support/action_evidence.hpp>

#include <policylint/core/edit_distance.hpp>
#include <policylint/managed/managed_policies.hpp>
#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace policylint::rules::support {

namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string lowered(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), lower);
  return out;
}

// The embedded documents are minified by their generator (src/tools/managed), so an element
// reads exactly `"Action":"a"` or `"Action":["a","b"]`, and action names hold no escapes.
void collect_element(std::string_view doc, std::string_view marker, std::set<std::string, std::less<>>& out) {
  for (std::size_t at = doc.find(marker); at != std::string_view::npos; at = doc.find(marker, at + 1)) {
    std::size_t pos = at + marker.size();
    const bool list = pos < doc.size() && doc[pos] == '[';
    pos += list ? 1 : 0;
    while (pos < doc.size() && doc[pos] == '"') {
      const std::size_t end = doc.find('"', pos + 1);
      if (end == std::string_view::npos) {
        return;
      }
      const std::string_view name = doc.substr(pos + 1, end - pos - 1);
      if (split_name(name)) {
        out.insert(lowered(name));
      }
      if (!list || end + 1 >= doc.size() || doc[end + 1] != ',') {
        break;
      }
      pos = end + 2;
    }
  }
}

struct Evidence {
  std::set<std::string, std::less<>> actions;  // literal names, lower-cased
  std::set<std::string, std::less<>> services; // prefixes of every name and pattern, lower-cased
  std::string lowered_text;                    // every document, lower-cased, for key look-ups
};

Evidence build_evidence() {
  Evidence out;
  const std::string_view text = managed::embedded_text();
  out.lowered_text = lowered(text);
  std::set<std::string, std::less<>> names;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    const std::string_view line = text.substr(start, end - start);
    const std::size_t tab = line.find('\t');
    if (!line.starts_with('#') && tab != std::string_view::npos) {
      const std::string_view doc = line.substr(tab + 1);
      collect_element(doc, R"("Action":)", names);
      collect_element(doc, R"("NotAction":)", names);
    }
    start = end + 1;
  }
  for (const std::string& name : names) {
    out.services.insert(name.substr(0, name.find(':')));
    if (!has_wildcard(name)) {
      out.actions.insert(name);
    }
  }
  return out;
}

const Evidence& evidence() {
  static const Evidence k_evidence = build_evidence();
  return k_evidence;
}

} // namespace

bool named_by_aws_managed_policy(std::string_view action) { return evidence().actions.contains(lowered(action)); }

bool service_named_by_aws_managed_policy(std::string_view prefix) {
  return evidence().services.contains(lowered(prefix));
}

bool condition_key_named_by_aws_managed_policy(std::string_view key) {
  // Only a condition key is an object key with a colon in its name: `"svc:key":` in the text.
  const std::string needle = "\"" + lowered(key) + "\":";
  return evidence().lowered_text.find(needle) != std::string::npos;
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

} // namespace policylint::rules::support
