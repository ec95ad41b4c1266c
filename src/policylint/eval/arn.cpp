#include <policylint/eval/arn.hpp>

#include <policylint/eval/glob.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace policylint::eval {

namespace {

constexpr std::size_t k_segments = 6;

// Splits at the first five colons. Returns how many segments were found (1..6).
std::size_t split_segments(std::string_view text, std::array<std::string_view, k_segments>& out) {
  std::size_t count = 0;
  std::size_t start = 0;
  while (count + 1 < k_segments) {
    const auto colon = text.find(':', start);
    if (colon == std::string_view::npos) {
      break;
    }
    out[count++] = text.substr(start, colon - start);
    start = colon + 1;
  }
  out[count++] = text.substr(start);
  return count;
}

bool ends_with_star(std::string_view segment, bool escaped) {
  if (segment.empty() || segment.back() != '*') {
    return false;
  }
  if (!escaped) {
    return true;
  }
  // "\*" is a literal star; "\\*" is an escaped backslash followed by a real star.
  std::size_t backslashes = 0;
  for (std::size_t i = segment.size() - 1; i > 0 && segment[i - 1] == '\\'; --i) {
    ++backslashes;
  }
  return backslashes % 2 == 0;
}

// Segment-wise matcher for the Resource element. Recursion depth is at most six; a
// trailing-star segment branches over the colons that follow, so failed (segment, colon)
// states are remembered to keep pathological inputs polynomial.
class ResourceMatcher {
public:
  ResourceMatcher(std::string_view pattern, std::string_view target, bool escaped)
      : m_target(target), m_escaped(escaped) {
    m_count = split_segments(pattern, m_pattern);
  }

  bool run() { return match(0, 0); }

private:
  bool glob(std::string_view pattern, std::string_view text) const {
    return glob_match(pattern, text, GlobOptions{.ignore_case = false, .escapes = m_escaped});
  }

  bool match(std::size_t index, std::size_t pos) {
    const std::string_view segment = m_pattern[index];
    if (index == k_segments - 1) {
      return glob(segment, m_target.substr(pos));
    }
    auto end = m_target.find(':', pos);
    if (end == std::string_view::npos) {
      end = m_target.size();
    }
    const bool trailing_star = ends_with_star(segment, m_escaped);
    // A trailing `*` absorbs the rest of the current segment, so matching the segment alone
    // decides whether the part before the star fits.
    if (!glob(segment, m_target.substr(pos, end - pos))) {
      return false;
    }
    if (index + 1 == m_count) {
      // Last pattern segment: the target must end here, unless the star absorbs the rest.
      return end == m_target.size() || trailing_star;
    }
    if (end == m_target.size()) {
      return false;
    }
    if (!trailing_star) {
      return match(index + 1, end + 1);
    }
    // Remember failed (segment, start) states so that pathological inputs with many colons
    // stay polynomial: each state is tried at most once.
    for (auto colon = end; colon != std::string_view::npos; colon = m_target.find(':', colon + 1)) {
      auto& failed = m_failed[index + 1];
      if (failed.empty()) {
        failed.assign(m_target.size() + 1, false);
      }
      if (!failed[colon + 1]) {
        if (match(index + 1, colon + 1)) {
          return true;
        }
        failed[colon + 1] = true;
      }
    }
    return false;
  }

  std::array<std::string_view, k_segments> m_pattern{};
  std::size_t m_count = 0;
  std::string_view m_target;
  bool m_escaped = false;
  // Failed start offsets per segment, allocated only when a trailing star branches.
  std::array<std::vector<bool>, k_segments> m_failed{};
};

} // namespace

std::optional<ArnParts> parse_arn(std::string_view text) {
  std::array<std::string_view, k_segments> seg{};
  if (split_segments(text, seg) != k_segments || seg[0] != "arn") {
    return std::nullopt;
  }
  return ArnParts{seg[0], seg[1], seg[2], seg[3], seg[4], seg[5]};
}

bool resource_matches(std::string_view pattern, std::string_view resource, bool escaped) {
  if (pattern == "*") {
    return true;
  }
  // Everything before the first wildcard (or escape) must match literally, colons included:
  // checking that first rejects most pairs without splitting either side.
  const auto literal = pattern.find_first_of(escaped ? "*?\\" : "*?");
  if (literal == std::string_view::npos) {
    return pattern == resource;
  }
  if (resource.substr(0, literal) != pattern.substr(0, literal)) {
    return false;
  }
  ResourceMatcher matcher(pattern, resource, escaped);
  return matcher.run();
}

bool arn_like_matches(std::string_view pattern, std::string_view value, bool escaped) {
  const GlobOptions options{.ignore_case = false, .escapes = escaped};
  std::array<std::string_view, k_segments> pat{};
  if (split_segments(pattern, pat) != k_segments) {
    return glob_match(pattern, value, options);
  }
  std::array<std::string_view, k_segments> val{};
  if (split_segments(value, val) != k_segments) {
    return false;
  }
  for (std::size_t i = 0; i < k_segments; ++i) {
    if (!glob_match(pat[i], val[i], options)) {
      return false;
    }
  }
  return true;
}

bool issuable_iam_arn(std::string_view arn) {
  const auto parts = parse_arn(arn);
  return !parts || parts->service != "iam" || parts->resource.find(':') == std::string_view::npos;
}

} // namespace policylint::eval
