#pragma once

namespace policylint::cli {

enum class ExitCode : int {
  clean = 0,    // nothing at or above --fail-on
  findings = 1, // findings at or above --fail-on (simulate: the request is denied)
  error = 2,    // usage, configuration, I/O or internal error
};

[[nodiscard]] constexpr int to_int(ExitCode c) { return static_cast<int>(c); }

} // namespace policylint::cli
