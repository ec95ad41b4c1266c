#pragma once
#include <policylint/core/expected.hpp>

#include <string>
#include <string_view>

namespace policylint::io {

// Writes `content` to `path` atomically: a temporary file in the same directory, fsync,
// then rename — a reader never sees a half-written report. "-" writes to stdout.
[[nodiscard]] Result<void> write_output(const std::string& path, std::string_view content);

// Writes all of `content` to `fd`, retrying short writes and EINTR; 0 or the errno of the failure.
[[nodiscard]] int write_all(int fd, std::string_view content);

} // namespace policylint::io
