#include <policylint/cli/terminal.hpp>

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <unistd.h>

namespace policylint::cli {

bool use_color(const std::string& mode, std::FILE* stream) {
  if (mode == "always") {
    return true;
  }
  if (mode == "never") {
    return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") {
    return false;
  }
  return ::isatty(::fileno(stream)) != 0;
}

bool stderr_is_terminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) != 0 && (term == nullptr || std::string_view(term) != "dumb");
}

std::string find_source_root() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) {
    return {};
  }
  for (fs::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) {
      return dir.string();
    }
    if (dir == dir.root_path()) {
      break;
    }
  }
  return cwd.string();
}

} // namespace policylint::cli
