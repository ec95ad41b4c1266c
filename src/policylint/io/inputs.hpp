#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace policylint::io {

// One thing to lint: a path on disk, or standard input.
struct InputFile {
  std::string path;         // what to open ("-" for stdin)
  std::string display_path; // what to print
};

struct InputProblem {
  std::string path;
  std::string message;
};

struct InputSet {
  std::vector<InputFile> files; // sorted by display path, no duplicates
  std::vector<InputProblem> problems;
};

// Expands the command-line paths: files as given (any name), directories recursively to
// their *.json files (and *.yaml, *.yml, *.template files that look like CloudFormation),
// skipping paths matching an --exclude glob. Directory symlinks are not
// followed (no loops); file symlinks are. The order is sorted, so output is deterministic.
[[nodiscard]] InputSet collect_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& excludes,
                                      const std::string& stdin_name);

// What the files hold in all, as far as a stat tells (standard input and files that cannot be
// stat'ed count nothing): how large a run will be, before anything is read.
[[nodiscard]] std::uint64_t total_size(const std::vector<InputFile>& files);

// --exclude globs: core::path_glob_matches ('*' within a segment, a "**" segment crosses them).
[[nodiscard]] bool glob_matches(std::string_view pattern, std::string_view path);

} // namespace policylint::io
