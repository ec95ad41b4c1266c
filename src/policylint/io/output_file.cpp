#include <policylint/io/output_file.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policylint::io {

int write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return n < 0 ? errno : EIO;
    }
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

namespace {

Result<void> write_in_place(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return fail(Error(ErrorCode::io, path + ": cannot open output: " + std::strerror(errno)));
  }
  const int failed = write_all(fd, content);
  ::close(fd);
  if (failed != 0) {
    return fail(Error(ErrorCode::io, path + ": cannot write output: " + std::strerror(failed)));
  }
  return {};
}

} // namespace

Result<void> write_output(const std::string& path, std::string_view content) {
  if (path == "-" || path.empty()) {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
    return {};
  }
  // Through a symbolic link, replace the file it points to, not the link. A FIFO or device
  // (e.g. /dev/stdout) cannot be replaced by a rename: write to it directly.
  std::error_code ec;
  std::filesystem::path target(path);
  if (std::filesystem::is_symlink(target, ec)) {
    const auto resolved = std::filesystem::weakly_canonical(target, ec);
    if (!ec) {
      target = resolved;
    }
  }
  const auto status = std::filesystem::status(target, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    if (std::filesystem::is_directory(status)) {
      return fail(Error(ErrorCode::io, path + ": cannot write output: is a directory"));
    }
    return write_in_place(target.string(), content);
  }
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".policylint-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return fail(Error(ErrorCode::io, path + ": cannot create output file: " + std::strerror(errno)));
  }
  if (const int failed = write_all(fd, content); failed != 0) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    return fail(Error(ErrorCode::io, path + ": cannot write output: " + std::strerror(failed)));
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return fail(Error(ErrorCode::io, path + ": cannot write output: " + std::strerror(errno)));
  }
  if (std::rename(tmpl.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmpl.c_str());
    return fail(Error(ErrorCode::io, path + ": cannot write output: " + std::strerror(saved)));
  }
  return {};
}

} // namespace policylint::io
