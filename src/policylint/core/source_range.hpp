#pragma once
#include <cstdint>

namespace policylint {

// A half-open byte range [begin, end) in one source file. Line and column are derived
// on demand from the file's line index (SourceFile::position), so the model stays small.
struct SourceRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  [[nodiscard]] constexpr bool empty() const { return begin == end; }
  friend constexpr bool operator==(const SourceRange&, const SourceRange&) = default;
};

// A resolved position: 1-based line, 1-based column counted in Unicode code points.
struct Position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  friend constexpr bool operator==(const Position&, const Position&) = default;
};

// A resolved range: start and exclusive end, as SARIF and editors want them.
struct Location {
  std::uint32_t offset = 0;
  std::uint32_t end_offset = 0;
  Position start;
  Position end;
};

} // namespace policylint
