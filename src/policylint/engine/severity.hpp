#pragma once
#include <optional>
#include <string_view>

namespace policylint::engine {

// The rule catalog's five severities. Output formats map them to levels (error/warning/note).
enum class Severity { info, low, medium, high, critical };

// The level a severity is reported at: critical/high → error, medium → warning, low/info → note.
enum class Level { note, warning, error };

[[nodiscard]] constexpr Level level_of(Severity s) {
  switch (s) {
  case Severity::critical:
  case Severity::high: return Level::error;
  case Severity::medium: return Level::warning;
  case Severity::low:
  case Severity::info: return Level::note;
  }
  return Level::note;
}

[[nodiscard]] std::string_view severity_name(Severity s);
[[nodiscard]] std::string_view level_name(Level l);
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view text);
[[nodiscard]] std::optional<Level> parse_level(std::string_view text);
// GitHub code scanning's security-severity score, e.g. "8.0"; empty for info.
[[nodiscard]] std::string_view security_severity_score(Severity s);

} // namespace policylint::engine
