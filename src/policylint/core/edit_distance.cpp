#include <policylint/core/edit_distance.hpp>

#include <algorithm>
#include <vector>

namespace policylint::core {

namespace {

constexpr unsigned char fold(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u >= 'A' && u <= 'Z' ? static_cast<unsigned char>(u + ('a' - 'A')) : u;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > limit) {
    return limit + 1;
  }
  // The distance never exceeds the longer length, so a larger limit changes nothing and
  // `bound` below cannot overflow.
  const std::size_t band = std::min(limit, std::max(a.size(), b.size()));
  const std::size_t bound = band + 1; // "more than the limit"
  // Only cells with |i - j| <= band can hold a distance within the limit (Ukkonen's band), so
  // each row computes that band alone: "did you mean" compares one name with every action of
  // a service, ten thousand times in a hostile policy. The rows are reused across calls.
  thread_local std::vector<std::size_t> prev2;
  thread_local std::vector<std::size_t> prev;
  thread_local std::vector<std::size_t> cur;
  prev2.assign(b.size() + 2, bound);
  prev.assign(b.size() + 2, bound);
  cur.assign(b.size() + 2, bound);
  for (std::size_t j = 0; j <= std::min(b.size(), band); ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t lo = i > band ? i - band : 1;
    const std::size_t hi = std::min(b.size(), i + band);
    cur[lo - 1] = lo == 1 ? i : bound; // the column left of the band
    std::size_t row_min = lo == 1 ? i : bound;
    for (std::size_t j = lo; j <= hi; ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0U : 1U)});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        d = std::min(d, prev2[j - 2] + 1);
      }
      cur[j] = std::min(d, bound);
      row_min = std::min(row_min, cur[j]);
    }
    cur[hi + 1] = bound; // the column right of the band, read by the next row
    if (row_min > limit) {
      return limit + 1;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

} // namespace policylint::core
