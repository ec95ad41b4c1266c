#pragma once
#include <policylint/core/expected.hpp>
#include <policylint/core/source_range.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policylint {

// The bytes of one input and a line index over them. `display_path` is what the user
// sees in output (the path as given, or --stdin-filename). The buffer keeps spare zeroed
// bytes after the text so simdjson can read it in place.
class SourceFile {
public:
  // simdjson reads this many bytes past the end of the document. A producer of a large text
  // reserves size + k_padding up front: padding a full string makes it reallocate (and keep
  // double the capacity), which for a 50 MB input is a copy and 50 MB more.
  static constexpr std::size_t k_padding = 64;

  SourceFile(std::string display_path, std::string text);

  [[nodiscard]] const std::string& path() const { return m_path; }
  [[nodiscard]] std::string_view text() const { return {m_buffer.data(), m_size}; }
  [[nodiscard]] const char* padded_data() const { return m_buffer.data(); }
  [[nodiscard]] std::size_t size() const { return m_size; }
  [[nodiscard]] std::size_t padded_capacity() const { return m_buffer.size(); }

  // Line and code-point column of a byte offset (clamped to the text).
  [[nodiscard]] Position position(std::uint32_t offset) const;
  [[nodiscard]] Location locate(SourceRange range) const;
  // The text of the 1-based line, without its line terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;
  [[nodiscard]] SourceRange range_of(std::string_view inside_text) const;

private:
  std::string m_path;
  std::string m_buffer;
  std::size_t m_size = 0;
  std::vector<std::uint32_t> m_line_starts;
  // Code points before offset k * k_checkpoint_stride, so that a column on a very long line
  // costs at most one stride of counting instead of the whole line.
  std::vector<std::uint32_t> m_code_point_checkpoints;
  [[nodiscard]] std::uint32_t code_points_before(std::uint32_t offset) const;
};

// Reads a regular file, refusing more than max_bytes (0 = no limit).
[[nodiscard]] Result<SourceFile> read_source_file(const std::string& path, std::string display_path,
                                                  std::uint64_t max_bytes);

} // namespace policylint
