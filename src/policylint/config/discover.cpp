#include <policylint/config/discover.hpp>

namespace policylint::config {

namespace fs = std::filesystem;

std::optional<fs::path> find_config_file(const fs::path& directory) {
  fs::path dir = directory.lexically_normal();
  for (;;) {
    for (const char* name : k_config_names) {
      std::error_code ec;
      const fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) {
        return candidate;
      }
    }
    std::error_code ec;
    if (fs::exists(dir / ".git", ec) || !dir.has_relative_path()) {
      return std::nullopt;
    }
    fs::path parent = dir.parent_path();
    if (parent == dir) {
      return std::nullopt;
    }
    dir = std::move(parent);
  }
}

} // namespace policylint::config
