#include <policylint/cli/diff_inputs.hpp>

#include <policylint/io/inputs.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT: POSIX

namespace policylint::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t k_max_policy_bytes = 10U << 20U;

Result<std::unique_ptr<SourceFile>> read(const std::string& path, const std::string& display) {
  auto file = read_source_file(path, display, k_max_policy_bytes);
  if (!file) {
    return fail(Error(ErrorCode::io, fmt::format("{}: {}", display, file.error().message)));
  }
  return std::make_unique<SourceFile>(std::move(*file));
}

// The *.json files under a directory, keyed by path relative to it ('/'-separated).
Result<std::map<std::string, std::string>> json_files_under(const std::string& dir) {
  const io::InputSet inputs = io::collect_inputs({dir}, {}, "-");
  if (!inputs.problems.empty()) {
    return fail(Error(ErrorCode::io, fmt::format("{}: {}", inputs.problems.front().path, inputs.problems.front().message)));
  }
  std::map<std::string, std::string> out;
  for (const auto& f : inputs.files) {
    std::error_code ec;
    const auto rel = fs::relative(fs::path(f.path), fs::path(dir), ec);
    if (ec) {
      return fail(Error(ErrorCode::io, fmt::format("{}: {}", f.path, ec.message())));
    }
    out.emplace(rel.generic_string(), f.path);
  }
  return out;
}

} // namespace

Result<std::vector<DiffPair>> pair_paths(const std::string& old_path, const std::string& new_path) {
  std::error_code ec;
  const bool old_dir = fs::is_directory(old_path, ec);
  const bool new_dir = fs::is_directory(new_path, ec);
  std::vector<DiffPair> out;
  if (old_dir != new_dir) {
    return fail(Error(ErrorCode::usage, "diff compares two files or two directories, not one of each"));
  }
  if (!new_dir) {
    POLICYLINT_TRY_ASSIGN(auto old_file, read(old_path, old_path));
    POLICYLINT_TRY_ASSIGN(auto new_file, read(new_path, new_path));
    out.push_back(DiffPair{std::move(old_file), std::move(new_file)});
    return out;
  }
  POLICYLINT_TRY_ASSIGN(auto old_files, json_files_under(old_path));
  POLICYLINT_TRY_ASSIGN(auto new_files, json_files_under(new_path));
  for (const auto& [rel, path] : new_files) {
    DiffPair pair;
    POLICYLINT_TRY_ASSIGN(pair.new_file, read(path, path));
    if (const auto it = old_files.find(rel); it != old_files.end()) {
      POLICYLINT_TRY_ASSIGN(pair.old_file, read(it->second, it->second));
    }
    out.push_back(std::move(pair));
  }
  return out;
}

Result<GitOutput> run_git(const std::vector<std::string>& args, std::size_t max_bytes) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    return fail(Error(ErrorCode::io, fmt::format("cannot create a pipe: {}", std::strerror(errno))));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> argv_strings{"git"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) {
    argv.push_back(s.data());
  }
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    return fail(Error(ErrorCode::io, fmt::format("cannot run git: {}", std::strerror(spawned))));
  }
  GitOutput result;
  bool too_big = false;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;
    }
    if (result.out.size() + static_cast<std::size_t>(n) > max_bytes) {
      too_big = true; // keep draining so git can exit
      continue;
    }
    result.out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (too_big) {
    return fail(Error(ErrorCode::io, fmt::format("git output larger than {} bytes", max_bytes)));
  }
  return result;
}

Result<std::vector<DiffPair>> pair_with_git(const std::string& revision, const std::vector<std::string>& paths) {
  if (revision.empty() || revision.front() == '-') {
    return fail(Error(ErrorCode::usage, fmt::format("--git-base: \"{}\" is not a revision", revision)));
  }
  POLICYLINT_TRY_ASSIGN(GitOutput check, run_git({"rev-parse", "--verify", "--quiet", revision + "^{commit}"}, 4096));
  if (check.status != 0) {
    return fail(Error(ErrorCode::usage, fmt::format("--git-base: git does not know the revision \"{}\"", revision)));
  }
  const io::InputSet inputs = io::collect_inputs(paths, {}, "-");
  if (!inputs.problems.empty()) {
    return fail(Error(ErrorCode::io, fmt::format("{}: {}", inputs.problems.front().path, inputs.problems.front().message)));
  }
  std::vector<DiffPair> out;
  for (const auto& f : inputs.files) {
    if (f.path == "-") {
      return fail(Error(ErrorCode::usage, "diff --git-base reads files, not standard input"));
    }
    DiffPair pair;
    POLICYLINT_TRY_ASSIGN(pair.new_file, read(f.path, f.display_path));
    // "REV:./path" is resolved relative to the working directory by git itself.
    std::error_code ec;
    fs::path rel = fs::path(f.path).is_absolute() ? fs::relative(f.path, fs::current_path(), ec) : fs::path(f.path);
    if (ec) {
      return fail(Error(ErrorCode::io, fmt::format("{}: {}", f.path, ec.message())));
    }
    POLICYLINT_TRY_ASSIGN(GitOutput old, run_git({"show", revision + ":./" + rel.generic_string()}, k_max_policy_bytes));
    if (old.status == 0) {
      pair.old_file = std::make_unique<SourceFile>(fmt::format("{}@{}", f.display_path, revision), std::move(old.out));
    }
    out.push_back(std::move(pair));
  }
  return out;
}

} // namespace policylint::cli
