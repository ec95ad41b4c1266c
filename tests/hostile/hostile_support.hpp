#pragma once
// Helpers for the hostile-input tests, over the CLI tests' process runner (tests/cli/process.hpp):
// the real binary with a kill timeout, its output and peak memory, optionally as an
// unprivileged user so that file permissions mean something when the suite runs as root.
#include <cli/process.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::testing::hostile {

namespace fs = std::filesystem;

using cli::source_dir;
using Scratch = cli::TempDir;
using Run = cli::RunResult;

inline std::string slurp(const fs::path& path) { return cli::read_file(path); }
inline void spit(const fs::path& path, std::string_view content) { cli::write_file(path, content); }

struct RunSpec {
  std::vector<std::string> args;
  fs::path cwd;
  int timeout_s = 60;
  std::map<std::string, std::string> env; // added to (or replacing in) the inherited environment
  bool as_nobody = false;                  // setuid(65534) in the child when running as root
};

using cli::describe;

inline Run run(const RunSpec& spec) {
  cli::RunOptions options;
  options.cwd = spec.cwd;
  options.timeout_s = spec.timeout_s;
  options.as_nobody = spec.as_nobody;
  for (const auto& [key, value] : spec.env) {
    options.env[key] = value;
  }
  return cli::run(spec.args, options);
}

inline Run run(std::vector<std::string> args, const fs::path& cwd, int timeout_s = 60, bool as_nobody = false,
               std::map<std::string, std::string> env = {}) {
  RunSpec spec;
  spec.args = std::move(args);
  spec.cwd = cwd;
  spec.timeout_s = timeout_s;
  spec.as_nobody = as_nobody;
  spec.env = std::move(env);
  return run(spec);
}

inline bool has(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

inline std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

constexpr std::string_view k_admin = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
)";

} // namespace policylint::testing::hostile
