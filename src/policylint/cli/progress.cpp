#include <policylint/cli/progress.hpp>

#include <fmt/format.h>

#include <utility>

namespace policylint::cli {

std::string progress_text(std::size_t done, std::size_t total) {
  // The cursor goes back to the start of the line, so that a message printed meanwhile (an
  // unreadable file) writes over the progress instead of after it.
  return fmt::format("\rpolicylint: {}/{} {}\x1b[K\r", done, total, total == 1 ? "file" : "files");
}

std::string progress_erase() { return "\r\x1b[K"; }

Progress::Progress(bool enabled, std::function<void(const std::string&)> write, std::function<Clock::time_point()> now)
    : m_enabled(enabled), m_write(std::move(write)), m_now(std::move(now)), m_start(m_now()) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t total) {
  if (!m_enabled) {
    return;
  }
  const auto now = m_now();
  if (now - m_start < k_delay || (m_shown && now - m_last < k_interval)) {
    return;
  }
  m_write(progress_text(done, total));
  m_shown = true;
  m_last = now;
}

void Progress::finish() {
  if (m_enabled && m_shown) {
    m_write(progress_erase());
  }
  m_enabled = false;
}

bool progress_wanted(bool stderr_is_terminal, bool quiet) { return stderr_is_terminal && !quiet; }

} // namespace policylint::cli
