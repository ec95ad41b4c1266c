#include <policylint/rules/support/prefix_index.hpp>

#include <algorithm>

namespace policylint::rules::support {

PrefixIndex::PrefixIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.prefix < b.prefix || (a.prefix == b.prefix && a.id < b.id); });
  parent_.assign(entries_.size(), k_none);
  group_.assign(entries_.size(), 0);
  // In sorted order the entries that are prefixes of the current one form a chain on a stack
  // (a prefix sorts before its extensions, and stays a prefix of everything in between), so
  // each entry is pushed and popped once.
  std::vector<std::size_t> chain;
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    if (e > 0 && entries_[e].prefix == entries_[e - 1].prefix) {
      group_[e] = group_[e - 1];
      parent_[e] = parent_[e - 1];
      continue;
    }
    group_[e] = e;
    while (!chain.empty() && !entries_[e].prefix.starts_with(entries_[chain.back()].prefix)) {
      chain.pop_back();
    }
    parent_[e] = chain.empty() ? k_none : chain.back();
    chain.push_back(e);
  }
}

void PrefixIndex::prefixes_of(std::string_view text, std::vector<std::size_t>& out) const {
  // Every prefix of `text` sorts at or before `text`, hence at or before the last entry not
  // after it, and is a prefix of that entry as long as it is no longer than their common part.
  const auto after = std::upper_bound(entries_.begin(), entries_.end(), text,
                                      [](std::string_view t, const Entry& e) { return t < e.prefix; });
  if (after == entries_.begin()) {
    return;
  }
  std::size_t e = group_[static_cast<std::size_t>(after - entries_.begin()) - 1];
  const std::string_view nearest = entries_[e].prefix;
  const auto common = static_cast<std::size_t>(
      std::mismatch(nearest.begin(), nearest.end(), text.begin(), text.end()).first - nearest.begin());
  while (e != k_none) {
    if (entries_[e].prefix.size() <= common) {
      for (std::size_t same = e; same < entries_.size() && entries_[same].prefix == entries_[e].prefix; ++same) {
        out.push_back(entries_[same].id);
      }
    }
    e = parent_[e];
  }
}

} // namespace policylint::rules::support
