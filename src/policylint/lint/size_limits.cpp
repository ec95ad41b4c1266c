#include <policylint/lint/size_limits.hpp>

#include <policylint/frontend/sniff.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace policylint::lint {

namespace {

// The first bytes of a regular file larger than `above`; nullopt when it is not larger, or
// not a regular file (read_source_file then reports what it is).
std::optional<std::string> head_if_larger(const std::string& path, std::uint64_t above) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;
  }
  struct stat st {};
  std::optional<std::string> head;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > above) {
    std::string bytes(frontend::k_sniff_bytes, '\0');
    const ssize_t n = ::read(fd, bytes.data(), bytes.size());
    bytes.resize(n > 0 ? static_cast<std::size_t>(n) : 0U);
    head = std::move(bytes);
  }
  ::close(fd);
  return head;
}

} // namespace

std::uint64_t SizeLimits::read_limit(const io::InputFile& input) const {
  if (max_file_size) {
    return *max_file_size;
  }
  if (input.path == "-") {
    return k_document_file_limit;
  }
  const auto head = head_if_larger(input.path, k_policy_file_limit);
  return head && frontend::may_hold_documents(input.path, *head) ? k_document_file_limit : k_policy_file_limit;
}

} // namespace policylint::lint
