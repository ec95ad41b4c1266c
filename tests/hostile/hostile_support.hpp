#pragma once
// Helpers for the hostile-input tests: run the real binary (fork + execve) with a kill
// timeout, collect its output and peak memory, optionally as an unprivileged user so that
// file permissions mean something when the suite runs as root.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ; // NOLINT: POSIX

namespace policylint::testing::hostile {

namespace fs = std::filesystem;

inline fs::path source_dir() { return fs::path(POLICYLINT_SOURCE_DIR); }

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void spit(const fs::path& path, std::string_view content) {
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path());
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    throw std::runtime_error("cannot write " + path.string());
  }
}

// A mkdtemp directory (world-searchable, so an unprivileged child can use it), removed on exit.
class Scratch {
public:
  Scratch() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/policylint-hostile-XXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = tmpl;
    ::chmod(m_path.c_str(), 0755);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    std::error_code ec;
    // Give write permission back first so that read-only copies can be removed.
    for (auto it = fs::recursive_directory_iterator(m_path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) {
        ::chmod(it->path().c_str(), 0755);
      }
    }
    fs::remove_all(m_path, ec);
  }
  [[nodiscard]] const fs::path& path() const { return m_path; }
  [[nodiscard]] fs::path operator/(const std::string& rel) const { return m_path / rel; }

private:
  fs::path m_path;
};

struct Run {
  int exit_code = -1;
  int signal = 0;
  bool timed_out = false;
  double seconds = 0;
  long peak_rss_kib = 0; // of this child alone
  std::string out;
  std::string err;
};

struct RunSpec {
  std::vector<std::string> args;
  fs::path cwd;
  int timeout_s = 60;
  std::map<std::string, std::string> env; // added to (or replacing in) the inherited environment
  bool as_nobody = false;                  // setuid(65534) in the child when running as root
};

inline std::string describe(const Run& r) {
  return "exit=" + std::to_string(r.exit_code) + " signal=" + std::to_string(r.signal) +
         " timed_out=" + std::to_string(static_cast<int>(r.timed_out)) + " seconds=" + std::to_string(r.seconds) +
         " rss_kib=" + std::to_string(r.peak_rss_kib) + "\n--- stdout (head) ---\n" + r.out.substr(0, 2000) +
         "\n--- stderr (head) ---\n" + r.err.substr(0, 2000);
}

inline Run run(const RunSpec& spec) {
  Scratch io;
  const std::string out_name = (io.path() / "out").string();
  const std::string err_name = (io.path() / "err").string();
  std::vector<std::string> argv_s{POLICYLINT_BINARY};
  argv_s.insert(argv_s.end(), spec.args.begin(), spec.args.end());
  std::vector<std::string> env_s;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view kv(*e);
    const auto eq = kv.find('=');
    if (spec.env.count(std::string(kv.substr(0, eq))) == 0) {
      env_s.emplace_back(kv);
    }
  }
  for (const auto& [k, v] : spec.env) {
    env_s.push_back(k + "=" + v);
  }
  std::vector<char*> argv;
  std::vector<char*> envp;
  for (auto& s : argv_s) {
    argv.push_back(s.data());
  }
  argv.push_back(nullptr);
  for (auto& s : env_s) {
    envp.push_back(s.data());
  }
  envp.push_back(nullptr);
  const std::string cwd = spec.cwd.empty() ? fs::current_path().string() : spec.cwd.string();
  const bool drop = spec.as_nobody && ::geteuid() == 0;
  if (drop) {
    ::chmod(io.path().c_str(), 0777);
  }

  Run r;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    if (drop && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
      ::_exit(126);
    }
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err = ::open(err_name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (in < 0 || out < 0 || err < 0 || ::chdir(cwd.c_str()) != 0) {
      ::_exit(127);
    }
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  const auto deadline = start + std::chrono::seconds(spec.timeout_s);
  int status = 0;
  struct rusage usage {};
  for (;;) {
    const pid_t w = ::wait4(pid, &status, WNOHANG, &usage);
    if (w == pid) {
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      r.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_rss_kib = usage.ru_maxrss;
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.out = slurp(out_name);
  r.err = slurp(err_name);
  return r;
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
