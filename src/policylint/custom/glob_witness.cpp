#include <policylint/custom/glob_witness.hpp>

#include <algorithm>
#include <deque>
#include <vector>

namespace policylint::custom {

namespace {

constexpr std::size_t k_max_states = 1U << 20; // patterns of about a thousand characters each

// What the pattern accepts at one position for a character: '*' and '?' accept anything.
bool accepts(char p, char c) { return p == '*' || p == '?' || p == c; }

} // namespace

std::optional<std::string> common_instance(std::string_view a, std::string_view b) {
  const std::size_t rows = a.size() + 1;
  const std::size_t cols = b.size() + 1;
  if (rows * cols > k_max_states) {
    return std::nullopt;
  }
  struct From {
    std::size_t state = 0;
    char emitted = 0; // 0: an epsilon step (a '*' matched nothing)
    bool seen = false;
  };
  std::vector<From> from(rows * cols);
  std::deque<std::size_t> queue{0};
  from[0].seen = true;
  const auto visit = [&](std::size_t state, std::size_t next, char emitted) {
    if (!from[next].seen) {
      from[next] = From{state, emitted, true};
      // Epsilon steps first, so every prefix is reached with the fewest characters.
      emitted == 0 ? queue.push_front(next) : queue.push_back(next);
    }
  };
  while (!queue.empty()) {
    const std::size_t state = queue.front();
    queue.pop_front();
    const std::size_t i = state / cols;
    const std::size_t j = state % cols;
    if (i == a.size() && j == b.size()) {
      std::string out;
      for (std::size_t s = state; s != 0; s = from[s].state) {
        if (from[s].emitted != 0) {
          out.push_back(from[s].emitted);
        }
      }
      std::reverse(out.begin(), out.end());
      return out;
    }
    if (i < a.size() && a[i] == '*') {
      visit(state, (i + 1) * cols + j, 0);
    }
    if (j < b.size() && b[j] == '*') {
      visit(state, i * cols + j + 1, 0);
    }
    if (i < a.size() && j < b.size()) {
      // The character to emit: a literal of either side, else a neutral one.
      char c = 'x';
      if (a[i] != '*' && a[i] != '?') {
        c = a[i];
      } else if (b[j] != '*' && b[j] != '?') {
        c = b[j];
      }
      if (accepts(a[i], c) && accepts(b[j], c)) {
        const std::size_t ni = a[i] == '*' ? i : i + 1;
        const std::size_t nj = b[j] == '*' ? j : j + 1;
        visit(state, ni * cols + nj, c);
      }
    }
  }
  return std::nullopt;
}

} // namespace policylint::custom
