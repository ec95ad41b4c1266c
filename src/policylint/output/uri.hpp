#pragma once
#include <string>

namespace policylint::output {

// A SARIF artifact URI for a display path: relative to `root` (percent-encoded, '/'
// separated, no "./" or "..") when the file lies under it, else an absolute file:// URI.
// `relative` tells which one was produced (only relative URIs carry a uriBaseId).
struct ArtifactUri {
  std::string uri;
  bool relative = true;
};

[[nodiscard]] ArtifactUri artifact_uri(const std::string& path, const std::string& root);
[[nodiscard]] std::string percent_encode_path(const std::string& path);

// The same path relative to `root`, unencoded ('/' separated), for formats that name files of
// the repository (GitHub annotations); the path as given when `root` is empty or the file lies
// outside it.
[[nodiscard]] std::string repository_path(const std::string& path, const std::string& root);

} // namespace policylint::output
