// "Did you mean" suggestions by case-insensitive edit distance.
#include <policylint/catalog/catalog.hpp>
#include <policylint/catalog/format.hpp>
#include <policylint/catalog/text.hpp>
#include <policylint/core/edit_distance.hpp>

#include <algorithm>
#include <tuple>

namespace policylint::catalog {

using format::CatalogData;

namespace {

using core::edit_distance;

// How far a typo may be from a real name: about one edit per four characters, at least 2.
std::size_t tolerance(std::string_view s) { return std::max<std::size_t>(2, s.size() / 4); }

struct Candidate {
  std::size_t distance;
  std::string name;
};

std::vector<std::string> best(std::vector<Candidate> candidates, std::size_t limit) {
  std::ranges::sort(candidates, [](const Candidate& x, const Candidate& y) {
    return std::tie(x.distance, x.name) < std::tie(y.distance, y.name);
  });
  std::vector<std::string> out;
  for (Candidate& c : candidates) {
    if (out.size() >= limit) {
      break;
    }
    if (std::ranges::find(out, c.name) == out.end()) {
      out.push_back(std::move(c.name));
    }
  }
  return out;
}

} // namespace

std::vector<std::string> Catalog::suggest(std::string_view name, std::size_t limit) const {
  const CatalogData& d = *m_data;
  const std::size_t colon = name.find(':');
  const std::string_view prefix = name.substr(0, std::min(colon, name.size()));
  // Services whose prefix is the typed one or close to it (s4 -> s3).
  std::vector<std::pair<std::size_t, Service>> services;
  for (std::uint32_t i = 0; i < d.count(format::sec_services); ++i) {
    const Service svc(&d, i);
    const std::size_t dist = edit_distance(prefix, svc.prefix(), std::min<std::size_t>(2, tolerance(prefix)));
    if (dist <= std::min<std::size_t>(2, tolerance(prefix))) {
      services.emplace_back(dist, svc);
    }
  }
  std::vector<Candidate> candidates;
  if (colon == std::string_view::npos) {
    for (const auto& [dist, svc] : services) {
      candidates.push_back({dist, std::string(svc.prefix())});
    }
    return best(std::move(candidates), limit);
  }
  const std::string_view action = name.substr(colon + 1);
  const std::size_t allowed = tolerance(action);
  for (const auto& [svc_dist, svc] : services) {
    const std::uint32_t first = d.field32(format::sec_services, svc.index(), format::service::action_first);
    const std::uint32_t count =
        d.clamp(format::sec_actions, first, d.field32(format::sec_services, svc.index(), format::service::action_count));
    for (std::uint32_t i = first; i < first + count; ++i) {
      const Action a(&d, i);
      const std::size_t dist = edit_distance(action, a.action_name(), allowed);
      if (dist <= allowed && dist + svc_dist > 0) {
        candidates.push_back({dist + svc_dist, std::string(a.name())});
      }
    }
  }
  return best(std::move(candidates), limit);
}

std::vector<std::string> Catalog::suggest_condition_key(std::string_view name, std::size_t limit) const {
  const CatalogData& d = *m_data;
  const std::size_t allowed = tolerance(name);
  std::vector<Candidate> candidates;
  for (std::uint32_t i = 0; i < d.count(format::sec_condition_keys); ++i) {
    const ConditionKey key(&d, i);
    const std::size_t dist = edit_distance(name, key.name(), allowed);
    if (dist <= allowed && dist > 0) {
      candidates.push_back({dist, std::string(key.name())});
    }
  }
  return best(std::move(candidates), limit);
}

} // namespace policylint::catalog
