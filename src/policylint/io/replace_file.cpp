#include <policylint/io/replace_file.hpp>

#include <policylint/io/output_file.hpp>
#include <policylint/core/fnv1a.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace policylint::io {

namespace {

Error io_error(const std::string& path, std::string_view what) {
  return Error(ErrorCode::io, path + ": " + std::string(what) + "; not modified");
}

bool read_whole(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

} // namespace

std::uint64_t content_hash(std::string_view bytes) { return core::fnv1a(bytes); }

Result<void> replace_file_if_unchanged(const std::string& path, std::uint64_t read_hash, std::string_view content) {
  std::error_code ec;
  std::filesystem::path target(path);
  if (std::filesystem::is_symlink(target, ec)) {
    target = std::filesystem::canonical(target, ec);
    if (ec) {
      return fail(io_error(path, "cannot resolve symbolic link: " + ec.message()));
    }
  }
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) {
    return fail(io_error(path, std::string("cannot stat: ") + std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return fail(io_error(path, "not a regular file"));
  }
  // root may write anything; the permission bits still say the owner wants it left alone.
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || ::access(target.c_str(), W_OK) != 0) {
    return fail(io_error(path, "file is read-only"));
  }
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".policylint-fix-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return fail(io_error(path, std::string("cannot create a temporary file beside it: ") + std::strerror(errno)));
  }
  const auto give_up = [&](std::string_view why) {
    ::unlink(tmpl.c_str());
    return fail(io_error(path, why));
  };
  if (const int failed = io::write_all(fd, content); failed != 0) {
    ::close(fd);
    return give_up(std::string("cannot write: ") + std::strerror(failed));
  }
  if (::fchmod(fd, st.st_mode & 07777) != 0 || ::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    return give_up(std::string("cannot write: ") + std::strerror(saved));
  }
  if (::close(fd) != 0) {
    return give_up(std::string("cannot write: ") + std::strerror(errno));
  }
  // Last check before the rename: another writer (an editor, a formatter) may have saved
  // the file while we linted it; its bytes win.
  std::string now;
  if (!read_whole(target.string(), now) || content_hash(now) != read_hash) {
    return give_up("file changed since it was read");
  }
  if (std::rename(tmpl.c_str(), target.c_str()) != 0) {
    return give_up(std::string("cannot replace: ") + std::strerror(errno));
  }
  return {};
}

} // namespace policylint::io
