#include <policylint/output/uri.hpp>

#include <filesystem>

namespace policylint::output {

std::string percent_encode_path(const std::string& path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(k_hex[u >> 4U]);
      out.push_back(k_hex[u & 0xFU]);
    }
  }
  return out;
}

ArtifactUri artifact_uri(const std::string& path, const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (!root.empty() && !ec) {
    const fs::path rel = absolute.lexically_relative(fs::path(root));
    const std::string rel_text = rel.generic_string();
    if (!rel.empty() && !rel_text.starts_with("..") && !rel.is_absolute()) {
      return ArtifactUri{percent_encode_path(rel_text), true};
    }
  }
  return ArtifactUri{"file://" + percent_encode_path(absolute.generic_string()), false};
}

std::string repository_path(const std::string& path, const std::string& root) {
  namespace fs = std::filesystem;
  if (root.empty() || path == "-") {
    return path;
  }
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) {
    return path;
  }
  const fs::path rel = absolute.lexically_relative(fs::path(root));
  const std::string rel_text = rel.generic_string();
  return rel.empty() || rel_text.starts_with("..") || rel.is_absolute() ? path : rel_text;
}

} // namespace policylint::output
