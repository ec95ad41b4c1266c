// Runs one command and prints its wall time, CPU time and peak resident memory (not a test):
//   policylint_measure COMMAND [ARG...]
// prints "WALL_S CPU_S MAXRSS_KIB EXIT" on stdout; the command's own output goes to /dev/null.
// tests/bench/run-benchmarks.py measures through it because Linux keeps a process's peak RSS
// across exec: a command spawned straight from Python would report Python's memory as its own.
// This launcher is small, so the child it forks starts small.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: policylint_measure COMMAND [ARG...]\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("fork");
    return 2;
  }
  if (pid == 0) {
    const int sink = ::open("/dev/null", O_WRONLY);
    ::dup2(sink, 1);
    ::dup2(sink, 2);
    ::execv(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) < 0) {
    std::perror("wait4");
    return 2;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::printf("%.6f %.6f %ld %d\n", wall, seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss, code);
  return 0;
}
