// Action-pattern expansion: "*", "svc:*", "s3:Get*", "ec2:*Instance?", NotAction complements.
#include <policylint/catalog/catalog.hpp>
#include <policylint/catalog/format.hpp>
#include <policylint/catalog/text.hpp>

namespace policylint::catalog {

using format::CatalogData;

bool wildcard_match(std::string_view pattern, std::string_view text) noexcept {
  // Greedy match that backtracks only to the last '*': O(|pattern| * |text|) worst case.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || text::fold(pattern[p]) == text::fold(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

void Catalog::match_into(std::string_view pattern, std::vector<std::uint32_t>& out) const {
  const CatalogData& d = *m_data;
  if (pattern == "*") {
    for (std::uint32_t i = 0; i < d.count(format::sec_actions); ++i) {
      out.push_back(i);
    }
    return;
  }
  const std::size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) {
    return;
  }
  // The service prefix is never a pattern: "s3:Get*" must not reach s3-object-lambda.
  const auto svc = find_service(pattern.substr(0, colon));
  if (!svc) {
    return;
  }
  const std::string_view rest = pattern.substr(colon + 1);
  const std::size_t wild = rest.find_first_of("*?");
  if (wild == std::string_view::npos) {
    if (auto a = find_action(pattern)) {
      out.push_back(a->index());
    }
    return;
  }
  const std::uint32_t first = d.field32(format::sec_services, svc->index(), format::service::action_first);
  const std::uint32_t end =
      first + d.clamp(format::sec_actions, first, d.field32(format::sec_services, svc->index(), format::service::action_count));
  // Names are sorted case-insensitively, so the literal head ("svc:Get" of "svc:Get*") bounds
  // a contiguous run found by binary search; only that run is matched character by character.
  const std::string_view head = pattern.substr(0, colon + 1 + wild);
  const auto name_at = [&](std::uint32_t i) { return d.str(format::sec_actions, i, format::action::name); };
  std::uint32_t lo = first;
  std::uint32_t n = end - first;
  while (n > 0) {
    const std::uint32_t half = n / 2;
    if (text::compare_ci(name_at(lo + half).substr(0, head.size()), head) < 0) {
      lo += half + 1;
      n -= half + 1;
    } else {
      n = half;
    }
  }
  const bool match_all = rest.substr(wild) == "*"; // "svc:*", "svc:Get*": the run is the answer
  for (std::uint32_t i = lo; i < end; ++i) {
    const std::string_view name = name_at(i);
    if (!text::starts_with_ci(name, head)) {
      break;
    }
    if (match_all || wildcard_match(rest, name.substr(colon + 1))) {
      out.push_back(i);
    }
  }
}

std::vector<std::string_view> Catalog::expand(std::string_view pattern) const {
  std::vector<std::uint32_t> ids;
  match_into(pattern, ids);
  std::vector<std::string_view> out;
  out.reserve(ids.size());
  for (const std::uint32_t i : ids) {
    out.push_back(m_data->str(format::sec_actions, i, format::action::name));
  }
  return out;
}

std::vector<Action> Catalog::expand_actions(std::string_view pattern) const {
  std::vector<std::uint32_t> ids;
  match_into(pattern, ids);
  std::vector<Action> out;
  out.reserve(ids.size());
  for (const std::uint32_t i : ids) {
    out.emplace_back(m_data.get(), i);
  }
  return out;
}

std::vector<bool> Catalog::match_mask(std::span<const std::string_view> patterns) const {
  std::vector<bool> mask(m_data->count(format::sec_actions), false);
  std::vector<std::uint32_t> ids;
  for (const std::string_view p : patterns) {
    ids.clear();
    match_into(p, ids);
    for (const std::uint32_t i : ids) {
      mask[i] = true;
    }
  }
  return mask;
}

std::vector<Action> Catalog::expand_not_actions(std::span<const std::string_view> patterns) const {
  const std::vector<bool> mask = match_mask(patterns);
  std::vector<Action> out;
  for (std::uint32_t i = 0; i < mask.size(); ++i) {
    if (!mask[i]) {
      out.emplace_back(m_data.get(), i);
    }
  }
  return out;
}

std::vector<std::string_view> Catalog::expand_not(std::span<const std::string_view> patterns) const {
  const std::vector<bool> mask = match_mask(patterns);
  std::vector<std::string_view> out;
  for (std::uint32_t i = 0; i < mask.size(); ++i) {
    if (!mask[i]) {
      out.push_back(m_data->str(format::sec_actions, i, format::action::name));
    }
  }
  return out;
}

std::vector<std::string_view> Catalog::expand_not(std::span<const std::string> patterns) const {
  const std::vector<std::string_view> views(patterns.begin(), patterns.end());
  return expand_not(std::span<const std::string_view>(views));
}

} // namespace policylint::catalog
