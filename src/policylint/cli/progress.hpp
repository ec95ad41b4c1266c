#pragma once
// The progress line of a long `check` (issue 6 of #15): "policylint: 120/480 files" on stderr,
// rewritten in place and erased at the end, so that nothing of it stays on the screen or in
// the output. Shown only when stderr is a terminal (never in CI logs or pipes), not with
// --quiet, and only once the run has lasted about a second: a run that ends sooner prints
// nothing. The clock and the "is a terminal" answer are injected, so tests need no terminal.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace policylint::cli {

// "\rpolicylint: 3/12 files", erase to end of line, and back to the line's start.
[[nodiscard]] std::string progress_text(std::size_t done, std::size_t total);
// What erases a progress line: carriage return, erase to end of line.
[[nodiscard]] std::string progress_erase();

class Progress {
public:
  using Clock = std::chrono::steady_clock;
  // `write` receives every byte the line prints (stderr in the CLI). Disabled: prints nothing.
  Progress(bool enabled, std::function<void(const std::string&)> write,
           std::function<Clock::time_point()> now = &Clock::now);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // `done` of `total` files are linted. Prints after the first second, then at most ten times
  // a second.
  void update(std::size_t done, std::size_t total);
  // Erases the line if one was printed; later updates print nothing.
  void finish();

  static constexpr std::chrono::milliseconds k_delay{1000};
  static constexpr std::chrono::milliseconds k_interval{100};

private:
  bool m_enabled;
  bool m_shown = false;
  std::function<void(const std::string&)> m_write;
  std::function<Clock::time_point()> m_now;
  Clock::time_point m_start;
  Clock::time_point m_last{};
};

// Whether `check` shows it: stderr is a terminal and --quiet was not given.
[[nodiscard]] bool progress_wanted(bool stderr_is_terminal, bool quiet);

} // namespace policylint::cli
