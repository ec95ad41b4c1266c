#include <policylint/core/source_file.hpp>

#include <policylint/core/heap_reserve.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policylint {

namespace {
constexpr std::size_t k_checkpoint_stride = 4096;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// UTF-8 code points in [p, p + n): the bytes that are not continuation bytes (10xxxxxx). A word
// at a time: a byte continues when its top bit is set and the bit below it is clear.
std::size_t count_code_points(const char* p, std::size_t n) {
  constexpr std::uint64_t k_top_bits = 0x8080808080808080ULL;
  std::size_t continuation = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p + i, 8);
    // One flag per byte (its top bit), summed into the top byte by a multiplication: no
    // popcount instruction is assumed.
    const std::uint64_t flags = (w & ~(w << 1U) & k_top_bits) >> 7U;
    continuation += static_cast<std::size_t>((flags * 0x0101010101010101ULL) >> 56U);
  }
  for (; i < n; ++i) {
    continuation += is_continuation_byte(p[i]) ? 1U : 0U;
  }
  return n - continuation;
}
} // namespace

SourceFile::SourceFile(std::string display_path, std::string text)
    : m_path(std::move(display_path)), m_buffer(std::move(text)), m_size(m_buffer.size()) {
  if (m_buffer.capacity() < m_size + k_padding) {
    std::string padded; // exactly the size needed, not the doubling a resize would do
    padded.reserve(m_size + k_padding);
    padded.append(m_buffer);
    m_buffer = std::move(padded);
  }
  m_buffer.resize(m_size + k_padding, '\0');
  const char* data = m_buffer.data();
  // Every file is indexed before it is parsed, so this runs at close to memory speed: code
  // points counted eight bytes at a time, line ends found with memchr (a 50 MB plan string
  // once cost more here than its parse).
  m_code_point_checkpoints.reserve(m_size / k_checkpoint_stride + 1);
  std::uint32_t code_points = 0;
  for (std::size_t block = 0; block < m_size; block += k_checkpoint_stride) {
    m_code_point_checkpoints.push_back(code_points);
    const std::size_t end = std::min(m_size, block + k_checkpoint_stride);
    code_points += static_cast<std::uint32_t>(count_code_points(data + block, end - block));
  }
  m_line_starts.push_back(0);
  if (std::memchr(data, '\r', m_size) == nullptr) {
    const char* const end = data + m_size;
    const char* p = data;
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
      ++p;
      m_line_starts.push_back(static_cast<std::uint32_t>(p - data));
    }
    return;
  }
  for (std::size_t i = 0; i < m_size; ++i) {
    // \n, \r\n and a lone \r all end a line.
    const char c = data[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= m_size || data[i + 1] != '\n'))) {
      m_line_starts.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
}

Position SourceFile::position(std::uint32_t offset) const {
  offset = static_cast<std::uint32_t>(std::min<std::size_t>(offset, m_size));
  const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const auto line_index = static_cast<std::size_t>(it - m_line_starts.begin()) - 1;
  const std::uint32_t line_start = m_line_starts[line_index];
  const std::uint32_t column = 1 + code_points_before(offset) - code_points_before(line_start);
  return Position{static_cast<std::uint32_t>(line_index + 1), column};
}

std::uint32_t SourceFile::code_points_before(std::uint32_t offset) const {
  if (m_code_point_checkpoints.empty()) {
    return 0; // an empty file
  }
  // The end of a text whose size is a multiple of the stride has no checkpoint of its own.
  const std::size_t checkpoint =
      std::min<std::size_t>(offset / k_checkpoint_stride, m_code_point_checkpoints.size() - 1);
  std::uint32_t count = m_code_point_checkpoints[checkpoint];
  for (std::size_t i = checkpoint * k_checkpoint_stride; i < offset; ++i) {
    if (!is_continuation_byte(m_buffer[i])) {
      ++count;
    }
  }
  return count;
}

Location SourceFile::locate(SourceRange range) const {
  Location loc;
  loc.offset = range.begin;
  loc.end_offset = std::max(range.begin, range.end);
  loc.start = position(range.begin);
  loc.end = position(loc.end_offset);
  return loc;
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > m_line_starts.size()) {
    return {};
  }
  const std::size_t begin = m_line_starts[line - 1];
  std::size_t end = line < m_line_starts.size() ? m_line_starts[line] : m_size;
  while (end > begin && (m_buffer[end - 1] == '\n' || m_buffer[end - 1] == '\r')) {
    --end;
  }
  return {m_buffer.data() + begin, end - begin};
}

SourceRange SourceFile::range_of(std::string_view inside_text) const {
  const auto begin = static_cast<std::uint32_t>(inside_text.data() - m_buffer.data());
  return SourceRange{begin, static_cast<std::uint32_t>(begin + inside_text.size())};
}

Result<SourceFile> read_source_file(const std::string& path, std::string display_path,
                                    std::uint64_t max_bytes) {
  // O_NONBLOCK so that a FIFO named by mistake cannot hang the run; regular files ignore it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return fail(Error(ErrorCode::io, "cannot open: " + std::string(std::strerror(errno))));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int saved = errno;
    ::close(fd);
    return fail(Error(ErrorCode::io, "cannot stat: " + std::string(std::strerror(saved))));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return fail(Error(ErrorCode::io, "is a directory"));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail(Error(ErrorCode::io, "not a regular file (device, FIFO or socket); not read"));
  }
  if (max_bytes != 0 && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return fail(Error(ErrorCode::limit, "file is " + std::to_string(st.st_size) +
                                            " bytes, over the limit of " + std::to_string(max_bytes) +
                                            " (--max-file-size)"));
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size) + SourceFile::k_padding);
  core::advise_huge_pages(text.data(), text.capacity());
  text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int saved = errno;
      ::close(fd);
      return fail(Error(ErrorCode::io, "cannot read: " + std::string(std::strerror(saved))));
    }
    if (n == 0) {
      break; // the file shrank while we read it
    }
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(got);
  return SourceFile(std::move(display_path), std::move(text));
}

} // namespace policylint
