// core::edit_distance computes only a band of the table; it must agree with the whole table.
#include <policylint/core/edit_distance.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace {

// The textbook optimal-string-alignment table, in full.
std::size_t full_table(const std::string& a, const std::string& b) {
  const auto eq = [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (eq(a[i - 1], b[j - 1]) ? 0U : 1U)});
      if (i > 1 && j > 1 && eq(a[i - 1], b[j - 2]) && eq(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

} // namespace

TEST_CASE("edit_distance: IAM misspellings") {
  using policylint::core::edit_distance;
  CHECK(edit_distance("GetObjcet", "GetObject", 3) == 1); // transposition
  CHECK(edit_distance("getobject", "GetObject", 3) == 0); // case folds
  CHECK(edit_distance("PutObjectAcl", "GetObject", 2) == 3); // over the limit: limit + 1
  CHECK(edit_distance("", "abc", 5) == 3);
  CHECK(edit_distance("CreateAccessKey", "CreateLoginProfile", 100) == full_table("CreateAccessKey", "CreateLoginProfile"));
}

TEST_CASE("edit_distance: the band agrees with the full table on random near-misses") {
  std::mt19937 rng(20261206);
  const std::string alphabet = "abcAB:*";
  for (int n = 0; n < 4000; ++n) {
    std::string a;
    const std::size_t len = rng() % 12;
    for (std::size_t i = 0; i < len; ++i) {
      a += alphabet[rng() % alphabet.size()];
    }
    std::string b = a;
    for (int edits = static_cast<int>(rng() % 5); edits > 0; --edits) { // a few random edits
      const std::size_t at = b.empty() ? 0 : rng() % (b.size() + 1);
      switch (rng() % 3) {
      case 0: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), alphabet[rng() % alphabet.size()]); break;
      case 1: if (at < b.size()) { b.erase(at, 1); } break;
      default: if (at + 1 < b.size()) { std::swap(b[at], b[at + 1]); } break;
      }
    }
    const std::size_t limit = rng() % 6;
    const std::size_t exact = full_table(a, b);
    CAPTURE(a);
    CAPTURE(b);
    CAPTURE(limit);
    CHECK(policylint::core::edit_distance(a, b, limit) == std::min(exact, limit + 1));
  }
}
