// PrefixIndex against the definition, over every small set of short strings on two letters.
#include <policylint/rules/support/prefix_index.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using policylint::rules::support::PrefixIndex;

namespace {

// Every string over {a, b} of length 0 to 3, in a fixed order.
std::vector<std::string> words() {
  std::vector<std::string> out{""};
  for (std::size_t at = 0; at < out.size(); ++at) {
    if (out[at].size() < 3) {
      out.push_back(out[at] + "a");
      out.push_back(out[at] + "b");
    }
  }
  return out;
}

} // namespace

TEST_CASE("PL019 prefix index: finds exactly the entries a text starts with") {
  const auto all = words(); // 15 words
  // Sets of entries: windows of the word list, so that duplicates, nested prefixes and the
  // empty prefix all occur, with the same text under several ids.
  for (std::size_t first = 0; first < all.size(); ++first) {
    for (std::size_t count = 1; first + count <= all.size(); count += 3) {
      std::vector<std::string> texts(all.begin() + static_cast<std::ptrdiff_t>(first),
                                     all.begin() + static_cast<std::ptrdiff_t>(first + count));
      texts.push_back(texts.back()); // a duplicate prefix under another id
      std::vector<PrefixIndex::Entry> entries;
      for (std::size_t id = 0; id < texts.size(); ++id) {
        entries.push_back({texts[id], id});
      }
      const PrefixIndex index(entries);
      for (const auto& text : all) {
        std::vector<std::size_t> got;
        index.prefixes_of(text + "ab", got);
        std::sort(got.begin(), got.end());
        std::vector<std::size_t> want;
        for (std::size_t id = 0; id < texts.size(); ++id) {
          if ((text + "ab").starts_with(texts[id])) {
            want.push_back(id);
          }
        }
        CAPTURE(text);
        CHECK(got == want);
      }
    }
  }
}

TEST_CASE("PL019 prefix index: empty") {
  const PrefixIndex index({});
  std::vector<std::size_t> got;
  index.prefixes_of("arn:aws:s3:::bucket", got);
  CHECK(got.empty());
}
