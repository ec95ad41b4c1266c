#include <policylint/engine/severity.hpp>

namespace policylint::engine {

std::string_view severity_name(Severity s) {
  switch (s) {
  case Severity::info: return "info";
  case Severity::low: return "low";
  case Severity::medium: return "medium";
  case Severity::high: return "high";
  case Severity::critical: return "critical";
  }
  return "info";
}

std::string_view level_name(Level l) {
  switch (l) {
  case Level::note: return "note";
  case Level::warning: return "warning";
  case Level::error: return "error";
  }
  return "note";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (auto s : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical}) {
    if (severity_name(s) == text) {
      return s;
    }
  }
  return std::nullopt;
}

std::optional<Level> parse_level(std::string_view text) {
  for (auto l : {Level::note, Level::warning, Level::error}) {
    if (level_name(l) == text) {
      return l;
    }
  }
  return std::nullopt;
}

std::string_view security_severity_score(Severity s) {
  // Inside GitHub's bands: >9 critical, 7-8.9 high, 4-6.9 medium, 0.1-3.9 low.
  switch (s) {
  case Severity::critical: return "9.5";
  case Severity::high: return "8.0";
  case Severity::medium: return "5.5";
  case Severity::low: return "3.0";
  case Severity::info: return "";
  }
  return "";
}

} // namespace policylint::engine
