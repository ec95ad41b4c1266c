#pragma once
// Replacing a policy file with its fixed text, for `check --fix`.
#include <policylint/core/expected.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace policylint::io {

// FNV-1a, 64 bits: the content hash that tells whether a file changed since it was read.
[[nodiscard]] std::uint64_t content_hash(std::string_view bytes);

// Atomically replaces the file at `path` (through a symbolic link: the file it points to)
// with `content`: a temporary file in the same directory with the original's permission
// bits, fsync, then rename — a reader sees the old file or the new one, never a mix.
// Refuses, leaving the file untouched, when it is not a regular file, is read-only (no
// write permission bit, or not writable by this user), or no longer holds the bytes it was
// read with (`read_hash`, checked just before the rename).
[[nodiscard]] Result<void> replace_file_if_unchanged(const std::string& path, std::uint64_t read_hash,
                                                     std::string_view content);

} // namespace policylint::io
