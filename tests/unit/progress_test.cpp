// The progress line of `check` (cli/progress.hpp): when it shows, what it prints, and that it
// is erased. The clock and the terminal answer are injected; no test waits.
#include <policylint/cli/progress.hpp>

#include <doctest/doctest.h>

#include <string>

using policylint::cli::Progress;

namespace {

struct Fake {
  Progress::Clock::time_point now{};
  std::string written;
  Progress make(bool enabled) {
    return Progress(enabled, [this](const std::string& s) { written += s; }, [this] { return now; });
  }
};

} // namespace

TEST_CASE("progress: shown only on a terminal and without --quiet") {
  CHECK(policylint::cli::progress_wanted(true, false));
  CHECK_FALSE(policylint::cli::progress_wanted(false, false)); // a pipe or a CI log
  CHECK_FALSE(policylint::cli::progress_wanted(true, true));
}

TEST_CASE("progress: nothing in the first second, then the count, erased at the end") {
  Fake f;
  auto p = f.make(true);
  p.update(0, 40);
  f.now += std::chrono::milliseconds(900);
  p.update(10, 40);
  CHECK(f.written.empty()); // a run shorter than a second prints nothing
  f.now += std::chrono::milliseconds(200);
  p.update(12, 40);
  CHECK(f.written == "\rpolicylint: 12/40 files\x1b[K\r");
  f.now += std::chrono::milliseconds(50);
  p.update(13, 40); // within 100 ms of the last line: not rewritten
  CHECK(f.written == "\rpolicylint: 12/40 files\x1b[K\r");
  f.now += std::chrono::milliseconds(100);
  p.update(30, 40);
  CHECK(f.written.ends_with("\rpolicylint: 30/40 files\x1b[K\r"));
  p.finish();
  CHECK(f.written.ends_with("\r\x1b[K"));
  const auto before = f.written.size();
  f.now += std::chrono::seconds(5);
  p.update(40, 40); // after finish: silent
  p.finish();       // erased once only
  CHECK(f.written.size() == before);
}

TEST_CASE("progress: disabled prints nothing, however long the run") {
  Fake f;
  {
    auto p = f.make(false);
    f.now += std::chrono::seconds(10);
    p.update(1, 1);
  } // the destructor erases only what was printed
  CHECK(f.written.empty());
}

TEST_CASE("progress: a run that ends within a second leaves nothing to erase") {
  Fake f;
  {
    auto p = f.make(true);
    p.update(1, 1);
  }
  CHECK(f.written.empty());
  CHECK(policylint::cli::progress_text(1, 1) == "\rpolicylint: 1/1 file\x1b[K\r");
}
