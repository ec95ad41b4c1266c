#pragma once
// What `policylint diff` compares: pairs of (old, new) policy files from two files, two
// directories matched by relative path, or the working tree against a git revision.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>

#include <memory>
#include <string>
#include <vector>

namespace policylint::cli {

struct DiffPair {
  std::unique_ptr<SourceFile> old_file; // nullptr: the file is new (all its access is new)
  std::unique_ptr<SourceFile> new_file;
};

// OLD and NEW are two files, or two directories (their *.json files matched by relative
// path; files only in OLD are ignored). Sorted by NEW's path.
[[nodiscard]] Result<std::vector<DiffPair>> pair_paths(const std::string& old_path, const std::string& new_path);

// Every *.json file under PATHS (files or directories, relative to the working directory)
// against its content at the git revision REV, read with `git show REV:./PATH`. A file that
// does not exist at REV is new.
[[nodiscard]] Result<std::vector<DiffPair>> pair_with_git(const std::string& revision, const std::vector<std::string>& paths);

// Runs `git ARGS...` (posix_spawnp with an argument vector, never a shell) and returns its exit
// status and standard output (at most max_bytes; more is an error). Standard error is discarded.
struct GitOutput {
  int status = -1;
  std::string out;
};
[[nodiscard]] Result<GitOutput> run_git(const std::vector<std::string>& args, std::size_t max_bytes);

} // namespace policylint::cli
