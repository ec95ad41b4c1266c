#include <policylint/core/path_glob.hpp>

#include <vector>

namespace policylint::core {

namespace {

// One segment against one pattern segment: '*' any run, '?' one character (no '/' in either).
bool segment_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_t = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      out.push_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Segment-wise glob: "**" matches any number of whole segments (zero included). Dynamic
// programming over (pattern segment, path segment): linear in their product, no recursion.
} // namespace

bool path_glob_matches(std::string_view glob, std::string_view path) {
  const auto pattern = split_segments(glob);
  const auto segments = split_segments(path);
  // reachable[j]: the pattern so far can match the first j path segments.
  std::vector<char> reachable(segments.size() + 1, 0);
  reachable[0] = 1;
  for (const auto& part : pattern) {
    std::vector<char> next(segments.size() + 1, 0);
    for (std::size_t j = 0; j <= segments.size(); ++j) {
      if (part == "**") {
        next[j] = static_cast<char>(reachable[j] != 0 || (j > 0 && next[j - 1] != 0));
      } else if (j > 0 && reachable[j - 1] != 0 && segment_matches(part, segments[j - 1])) {
        next[j] = 1;
      }
    }
    reachable = std::move(next);
  }
  return reachable[segments.size()] != 0;
}

bool path_matches(std::string_view glob, std::string_view relative) {
  while (glob.starts_with("./")) {
    glob.remove_prefix(2);
  }
  while (glob.size() > 1 && glob.ends_with('/')) {
    glob.remove_suffix(1);
  }
  const bool anchored = glob.find('/') != std::string_view::npos;
  // Candidates: every leading part of the path ending at a '/' and the whole path
  // (anchored), or every single segment (unanchored).
  std::size_t start = 0;
  for (std::size_t i = 0; i <= relative.size(); ++i) {
    if (i != relative.size() && relative[i] != '/') {
      continue;
    }
    const std::string_view candidate = anchored ? relative.substr(0, i) : relative.substr(start, i - start);
    if (!candidate.empty() && core::path_glob_matches(glob, candidate)) {
      return true;
    }
    start = i + 1;
  }
  return false;
}

} // namespace policylint::core
