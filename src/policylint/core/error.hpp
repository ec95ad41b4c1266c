#pragma once
#include <policylint/core/source_range.hpp>

#include <optional>
#include <string>

namespace policylint {

// Why the tool could not do a job. Findings about a policy are Diagnostics, not Errors.
enum class ErrorCode {
  io,            // a file or directory could not be read or written
  usage,         // the command line or a request file is malformed
  invalid_json,  // bytes are not JSON (reported to the user as finding PL000)
  limit,         // an input exceeds a configured limit (size, depth, count)
  invalid_input, // well-formed JSON of the wrong shape for what was asked
  internal,      // a bug: should never happen
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::optional<SourceRange> range; // where in the input, when known

  Error() = default;
  Error(ErrorCode c, std::string m, std::optional<SourceRange> r = std::nullopt)
      : code(c), message(std::move(m)), range(r) {}
};

} // namespace policylint
