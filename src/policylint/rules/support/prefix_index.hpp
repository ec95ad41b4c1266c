#pragma once
// Which of a set of strings are prefixes of a given text, in time proportional to the answer
// (plus a binary search), not to the size of the set. PL019 uses it to pair each resource
// with only the patterns that could cover it, PL017 each action.
#include <cstddef>
#include <string_view>
#include <vector>

namespace policylint::rules::support {

class PrefixIndex {
public:
  struct Entry {
    std::string_view prefix; // views into the caller's strings, which must outlive the index
    std::size_t id = 0;
  };

  explicit PrefixIndex(std::vector<Entry> entries);

  // Appends the id of every entry whose prefix `text` starts with, in no particular order.
  void prefixes_of(std::string_view text, std::vector<std::size_t>& out) const;

private:
  static constexpr std::size_t k_none = static_cast<std::size_t>(-1);
  std::vector<Entry> entries_;       // sorted by prefix
  std::vector<std::size_t> parent_;  // the nearest earlier entry whose prefix is a proper prefix of this one's
  std::vector<std::size_t> group_;   // the first entry with the same prefix text
};

} // namespace policylint::rules::support
