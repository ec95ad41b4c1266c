#pragma once
// Helpers for the end-to-end CLI tests: run the real policylint binary (fork + execve, no
// shell, so arguments are never re-quoted) with stdin/stdout/stderr redirected to files in a
// private temporary directory, kill it after a timeout, and create/remove scratch trees.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

extern char** environ; // NOLINT: POSIX

namespace policylint::testing::cli {

namespace fs = std::filesystem;

inline std::string binary_path() { return POLICYLINT_BINARY; }
inline fs::path source_dir() { return fs::path(POLICYLINT_SOURCE_DIR); }

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const fs::path& path, std::string_view content) {
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path());
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
// World-searchable, so that a child run as an unprivileged user can work in it.
class TempDir {
public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/policylint-cli-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
    }
    m_path = tmpl;
    ::chmod(m_path.c_str(), 0755);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    // Give write permission back first, so that read-only trees made by a test can be removed.
    for (auto it = fs::recursive_directory_iterator(m_path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) {
        ::chmod(it->path().c_str(), 0755);
      }
    }
    fs::remove_all(m_path, ec); // does not follow symlinks, so loops are harmless
  }
  [[nodiscard]] const fs::path& path() const { return m_path; }
  [[nodiscard]] fs::path operator/(const std::string& rel) const { return m_path / rel; }
  void write(const std::string& rel, std::string_view content) const { write_file(m_path / rel, content); }

private:
  fs::path m_path;
};

struct RunOptions {
  fs::path cwd;                                          // empty: the test's working directory
  std::optional<std::string> stdin_data;                 // nullopt: /dev/null
  std::map<std::string, std::optional<std::string>> env; // value: set; nullopt: unset
  int timeout_s = 30; // a hang is killed; generous for sanitizer builds on a busy CI machine
  bool as_nobody = false; // setuid(65534) in the child when the suite runs as root

  RunOptions& with_stdin(std::string data) {
    stdin_data = std::move(data);
    return *this;
  }
};

// Options for a run in `cwd`.
inline RunOptions at(const fs::path& cwd) {
  RunOptions o;
  o.cwd = cwd;
  return o;
}

struct RunResult {
  int exit_code = -1; // the exit status, or -1 when killed by a signal
  int signal = 0;     // the terminating signal, 0 when it exited
  bool timed_out = false;
  long peak_rss_kib = 0; // of the child alone
  std::string out;
  std::string err;
  double seconds = 0;
};

inline std::vector<std::string> build_environment(const std::map<std::string, std::optional<std::string>>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view kv(*e);
    const std::string key(kv.substr(0, kv.find('=')));
    if (overrides.count(key) == 0) {
      env.emplace_back(kv);
    }
  }
  for (const auto& [key, value] : overrides) {
    if (value) {
      env.push_back(key + "=" + *value);
    }
  }
  return env;
}

inline std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

// Waits for pid, killing it and its process group (SIGKILL) once `timeout_s` seconds have
// passed; records its peak memory.
inline void wait_with_timeout(pid_t pid, int timeout_s, RunResult& result) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::seconds(timeout_s);
  int status = 0;
  struct rusage usage {};
  for (;;) {
    const pid_t r = ::wait4(pid, &status, WNOHANG, &usage);
    if (r == pid) {
      break;
    }
    if (r < 0 && errno != EINTR) {
      throw std::runtime_error("waitpid failed");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  result.peak_rss_kib = usage.ru_maxrss;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
}

// Runs `policylint ARGS...`; stdout and stderr are captured through files (no pipe can fill up).
inline RunResult run(const std::vector<std::string>& args, const RunOptions& options = {}) {
  TempDir io;
  const fs::path in_path = io / "stdin";
  const fs::path out_path = io / "stdout";
  const fs::path err_path = io / "stderr";
  write_file(in_path, options.stdin_data.value_or(""));
  std::vector<std::string> argv_strings{binary_path()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = build_environment(options.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);
  const std::string in_name = options.stdin_data ? in_path.string() : "/dev/null";
  const std::string out_name = out_path.string();
  const std::string err_name = err_path.string();
  const std::string cwd = options.cwd.string();
  const bool drop = options.as_nobody && ::geteuid() == 0;
  if (drop) {
    ::chmod(io.path().c_str(), 0777);
  }

  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here on.
    ::setpgid(0, 0);
    if (drop && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
      ::_exit(126);
    }
    const int in = ::open(in_name.c_str(), O_RDONLY);
    const int out = ::open(out_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err = ::open(err_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (in < 0 || out < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) {
      ::_exit(126);
    }
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      ::_exit(126);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  RunResult result;
  wait_with_timeout(pid, options.timeout_s, result);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

// Whether this machine can hand out a pseudo-terminal (some containers cannot).
inline bool pty_available() {
  const int fd = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (fd < 0) {
    return false;
  }
  const bool ok = ::grantpt(fd) == 0 && ::unlockpt(fd) == 0 && ::ptsname(fd) != nullptr;
  ::close(fd);
  return ok;
}

// Runs policylint with stdout on the slave side of a pseudo-terminal (stderr to a file), to
// test what it does when writing to a terminal.
inline RunResult run_on_tty(const std::vector<std::string>& args, const RunOptions& options = {}) {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) {
    throw std::runtime_error("cannot open a pseudo-terminal");
  }
  const char* slave_name_c = ::ptsname(master);
  if (slave_name_c == nullptr) {
    throw std::runtime_error("ptsname failed");
  }
  const std::string slave_name = slave_name_c;
  TempDir io;
  const std::string err_name = (io / "stderr").string();
  std::vector<std::string> argv_strings{binary_path()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = build_environment(options.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);
  const std::string cwd = options.cwd.string();

  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    ::setsid();
    const int slave = ::open(slave_name.c_str(), O_RDWR);
    const int in = ::open("/dev/null", O_RDONLY);
    const int err = ::open(err_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (slave < 0 || in < 0 || err < 0 || ::dup2(in, 0) < 0 || ::dup2(slave, 1) < 0 || ::dup2(err, 2) < 0) {
      ::_exit(126);
    }
    ::close(master);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      ::_exit(126);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  RunResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_s);
  bool exited = false;
  int status = 0;
  char buffer[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 20) > 0) {
      const ssize_t n = ::read(master, buffer, sizeof buffer);
      if (n > 0) {
        result.out.append(buffer, static_cast<std::size_t>(n));
        continue;
      }
      if (exited) {
        break; // EIO: the slave side is closed and drained
      }
    } else if (exited) {
      break;
    }
    if (!exited && ::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      continue;
    }
    if (!exited && std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      result.timed_out = true;
      break;
    }
  }
  ::close(master);
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  result.err = read_file(err_name);
  return result;
}

inline std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

inline std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string_view::npos; pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Control characters (NUL would cut doctest's output short, ESC would colour it) as \xNN.
inline std::string printable(std::string_view s, std::size_t limit = 4000) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const char c : s.substr(0, limit)) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20U && c != '\n' && c != '\t') || u == 0x7FU) {
      out += "\\x";
      out.push_back(k_hex[u >> 4U]);
      out.push_back(k_hex[u & 0xFU]);
    } else {
      out.push_back(c);
    }
  }
  if (s.size() > limit) {
    out += "\n[... " + std::to_string(s.size() - limit) + " more bytes]";
  }
  return out;
}

// Everything a failed check should show about a run.
inline std::string describe(const RunResult& r) {
  std::ostringstream s;
  // The head of each stream: hostile inputs can produce megabytes of findings.
  constexpr std::size_t head = 4000;
  s << "exit=" << r.exit_code << " signal=" << r.signal << " timed_out=" << r.timed_out << " seconds=" << r.seconds
    << " rss_kib=" << r.peak_rss_kib << "\n--- stdout ---\n"
    << printable(r.out.substr(0, head)) << "\n--- stderr ---\n"
    << printable(r.err.substr(0, head));
  return s.str();
}

} // namespace policylint::testing::cli
