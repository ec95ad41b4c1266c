// Applying fixes (overlaps, repeats, bounds), the unified diff of --diff, and the atomic
// file replacement of --fix (changed file, read-only file, permissions, symbolic links).
#include <policylint/io/replace_file.hpp>
#include <policylint/fix/apply.hpp>
#include <policylint/fix/unified_diff.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <random>
#include <sstream>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace {

using namespace policylint;
namespace fs = std::filesystem;

engine::Fix fix_of(std::vector<std::pair<SourceRange, std::string>> edits) {
  engine::Fix f;
  f.description = "test";
  for (auto& [range, text] : edits) {
    f.edits.push_back(engine::TextEdit{range, std::move(text), {}});
  }
  return f;
}

fix::Applied apply(std::string_view text, const std::vector<engine::Fix>& fixes) {
  std::vector<const engine::Fix*> ptrs;
  for (const auto& f : fixes) {
    ptrs.push_back(&f);
  }
  return fix::apply_fixes(text, ptrs);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, std::string_view s) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << s;
}

struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "policylint-fix-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};


// Applies a unified diff of one file the way patch(1) does, checking every context and
// removed line against `before`: the diff is only right if this reproduces `after`.
std::string patched(const std::string& before, const std::string& diff) {
  std::vector<std::string> old_lines;
  for (std::size_t at = 0; at < before.size();) {
    const std::size_t nl = before.find('\n', at);
    const std::size_t end = nl == std::string::npos ? before.size() : nl + 1;
    old_lines.push_back(before.substr(at, end - at));
    at = end;
  }
  std::istringstream in(diff);
  std::string line;
  std::string out;
  std::size_t next_old = 0;
  std::string* last = nullptr;
  std::string added;
  while (std::getline(in, line)) {
    if (line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0) {
      continue;
    }
    if (line.rfind("@@ -", 0) == 0) {
      std::size_t start = std::stoul(line.substr(4));
      const std::size_t comma = line.find(',');
      const bool empty = comma != std::string::npos && comma < line.find(' ', 4) && line[comma + 1] == '0';
      const std::size_t first = empty ? start : start - 1;
      REQUIRE(first >= next_old);
      for (; next_old < first; ++next_old) {
        out += old_lines.at(next_old);
      }
      last = nullptr;
      continue;
    }
    if (line == "\\ No newline at end of file") {
      REQUIRE(last != nullptr);
      REQUIRE(!last->empty());
      last->pop_back(); // the line had no terminator
      continue;
    }
    REQUIRE(!line.empty());
    const std::string text = line.substr(1) + "\n";
    if (line[0] == ' ' || line[0] == '-') {
      const std::string& expected = old_lines.at(next_old);
      CHECK((expected == text || expected + "\n" == text));
      ++next_old;
    }
    if (line[0] == ' ' || line[0] == '+') {
      out += text;
      last = &out;
    } else {
      added = text;
      last = &added;
    }
  }
  for (; next_old < old_lines.size(); ++next_old) {
    out += old_lines[next_old];
  }
  return out;
}

} // namespace

TEST_SUITE("fix apply") {
  TEST_CASE("edits of several fixes are applied in position order, whatever the fix order") {
    const std::string text = R"({"a": "x", "b": "y"})";
    const auto out = apply(text, {fix_of({{{17, 18}, "Y"}}), fix_of({{{7, 8}, "X"}, {{19, 19}, ", \"c\": 1"}})});
    CHECK(out.text == R"({"a": "X", "b": "Y", "c": 1})");
    CHECK(out.applied == 2);
    CHECK(out.skipped == 0);
  }

  TEST_CASE("a fix that overlaps an accepted one is skipped whole, with all its edits") {
    const std::string text = "0123456789";
    const auto out = apply(text, {fix_of({{{2, 5}, "abc"}}), fix_of({{{0, 1}, "Z"}, {{4, 6}, "--"}})});
    CHECK(out.text == "01abc56789"); // the second fix's harmless first edit is not applied either
    CHECK(out.applied == 1);
    CHECK(out.skipped == 1);
  }

  TEST_CASE("two insertions at one point conflict, an insertion at a range's edge does not") {
    const std::string text = "abcdef";
    auto out = apply(text, {fix_of({{{3, 3}, "X"}}), fix_of({{{3, 3}, "Y"}})});
    CHECK(out.text == "abcXdef");
    CHECK(out.skipped == 1);
    out = apply(text, {fix_of({{{1, 3}, "--"}}), fix_of({{{3, 3}, "+"}}), fix_of({{{2, 2}, "!"}})});
    CHECK(out.text == "a--+def"); // the insertion inside the replaced bytes was skipped
    CHECK(out.applied == 2);
    CHECK(out.skipped == 1);
  }

  TEST_CASE("the same edit offered by two findings is applied once") {
    const std::string text = R"("BoolIfExists")";
    const auto out = apply(text, {fix_of({{{5, 13}, ""}}), fix_of({{{5, 13}, ""}})});
    CHECK(out.text == R"("Bool")");
    CHECK(out.applied == 2);
  }

  TEST_CASE("an edit outside the text or an empty fix is never applied") {
    const auto out = apply("abc", {fix_of({{{2, 9}, "x"}}), engine::Fix{}});
    CHECK(out.text == "abc");
    CHECK(out.skipped == 2);
  }
}

TEST_SUITE("fix diff") {
  TEST_CASE("a unified diff with context, hunk headers and separate hunks for distant changes") {
    std::string before;
    std::string after;
    for (int i = 1; i <= 20; ++i) {
      before += "line " + std::to_string(i) + "\n";
      after += i == 3 ? "line three\n" : i == 18 ? "line 18\nline 18b\n" : "line " + std::to_string(i) + "\n";
    }
    CHECK(fix::unified_diff("p.json", before, after) ==
          "--- p.json\n+++ p.json\n"
          "@@ -1,6 +1,6 @@\n line 1\n line 2\n-line 3\n+line three\n line 4\n line 5\n line 6\n"
          "@@ -16,5 +16,6 @@\n line 16\n line 17\n line 18\n+line 18b\n line 19\n line 20\n");
    CHECK(fix::unified_diff("p.json", before, before).empty());
  }

  TEST_CASE("random edits: the diff, applied as patch(1) would, turns the old text into the new") {
    std::mt19937 rng(20261129);
    const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    for (int round = 0; round < 300; ++round) {
      std::vector<std::string> lines;
      const std::size_t n = pick(30);
      for (std::size_t i = 0; i < n; ++i) {
        lines.push_back("l" + std::to_string(pick(6)));
      }
      std::vector<std::string> changed = lines;
      for (std::size_t k = pick(5); k > 0; --k) {
        const std::size_t at = changed.empty() ? 0 : pick(changed.size() + 1);
        switch (pick(3)) {
        case 0: changed.insert(changed.begin() + static_cast<long>(at), "new" + std::to_string(k)); break;
        case 1:
          if (at < changed.size()) {
            changed.erase(changed.begin() + static_cast<long>(at));
          }
          break;
        default:
          if (at < changed.size()) {
            changed[at] = "chg" + std::to_string(k);
          }
          break;
        }
      }
      const auto join = [&](const std::vector<std::string>& ls, bool final_newline) {
        std::string t;
        for (std::size_t i = 0; i < ls.size(); ++i) {
          t += ls[i];
          if (i + 1 < ls.size() || final_newline) {
            t += "\n";
          }
        }
        return t;
      };
      const std::string before = join(lines, pick(4) != 0);
      const std::string after = join(changed, pick(4) != 0);
      CAPTURE(before);
      CAPTURE(after);
      const std::string diff = fix::unified_diff("f", before, after, static_cast<int>(pick(4)));
      CHECK(diff.empty() == (before == after));
      if (!diff.empty()) {
        CHECK(patched(before, diff) == after);
      }
    }
  }

  TEST_CASE("a missing final newline is marked as diff -u does") {
    CHECK(fix::unified_diff("p", "a\nb", "a\nc") == "--- p\n+++ p\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
                                                   "\\ No newline at end of file\n");
    CHECK(fix::unified_diff("p", "", "x\n") == "--- p\n+++ p\n@@ -0,0 +1 @@\n+x\n");
  }
}

TEST_SUITE("fix write") {
  TEST_CASE("replaces the file atomically, keeps its permission bits and leaves no temporary file") {
    ScratchDir dir;
    const fs::path file = dir.path / "policy.json";
    spit(file, "old");
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    REQUIRE(io::replace_file_if_unchanged(file.string(), io::content_hash("old"), "new text"));
    CHECK(slurp(file) == "new text");
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);
    CHECK(dir.entries() == 1);
  }

  TEST_CASE("refuses a file that changed since it was read, and keeps the newer content") {
    ScratchDir dir;
    const fs::path file = dir.path / "policy.json";
    spit(file, "what policylint read");
    const auto read_hash = io::content_hash("what policylint read");
    spit(file, "what an editor saved meanwhile");
    const auto written = io::replace_file_if_unchanged(file.string(), read_hash, "fixed");
    REQUIRE_FALSE(written);
    CHECK(written.error().message.find("changed since it was read") != std::string::npos);
    CHECK(slurp(file) == "what an editor saved meanwhile");
    CHECK(dir.entries() == 1);
  }

  TEST_CASE("refuses a read-only file, even for root") {
    ScratchDir dir;
    const fs::path file = dir.path / "policy.json";
    spit(file, "old");
    REQUIRE(::chmod(file.c_str(), 0444) == 0);
    const auto written = io::replace_file_if_unchanged(file.string(), io::content_hash("old"), "new");
    REQUIRE_FALSE(written);
    CHECK(written.error().message.find("read-only") != std::string::npos);
    CHECK(slurp(file) == "old");
    CHECK(dir.entries() == 1);
  }

  TEST_CASE("through a symbolic link, the file it points to is replaced and the link kept") {
    ScratchDir dir;
    const fs::path file = dir.path / "real.json";
    const fs::path link = dir.path / "link.json";
    spit(file, "old");
    fs::create_symlink(file, link);
    REQUIRE(io::replace_file_if_unchanged(link.string(), io::content_hash("old"), "new"));
    CHECK(fs::is_symlink(link));
    CHECK(slurp(file) == "new");
  }

  TEST_CASE("refuses what is not a regular file") {
    ScratchDir dir;
    const auto written = io::replace_file_if_unchanged(dir.path.string(), io::content_hash(""), "x");
    CHECK_FALSE(written);
  }
}
