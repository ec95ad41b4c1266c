#pragma once
// What `policylint --version` reports about the build, fixed at configure time (see
// src/cmake/PolicylintPackaging.cmake for the reproducibility rules).
#include <string>

namespace policylint::cli {

struct BuildInfo {
  std::string version;    // 0.1.0
  std::string commit;     // git commit (12 hex digits) or "unknown"
  std::string date;       // SOURCE_DATE_EPOCH or the commit's date, YYYY-MM-DD, or "unknown"
  std::string build_type; // Release, Debug, …
  std::string compiler;   // "GCC 12.2.0"
};

[[nodiscard]] BuildInfo build_info();
// The whole --version text: version, catalog, build.
[[nodiscard]] std::string version_text();

} // namespace policylint::cli
