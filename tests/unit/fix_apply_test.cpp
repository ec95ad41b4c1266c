// Applying fixes (overlaps, repeats, bounds), the unified diff of --diff, and the atomic
// file replacement of --fix (changed file, read-only file, permissions, symbolic links).
#include <policylint/cli/fix_write.hpp>
#include <policylint/fix/apply.hpp>
#include <policylint/fix/unified_diff.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
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

  TEST_CASE("two insertions at one point conflict; an insertion at a range's edge does not") {
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
    REQUIRE(cli::replace_file_if_unchanged(file.string(), cli::content_hash("old"), "new text"));
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
    const auto read_hash = cli::content_hash("what policylint read");
    spit(file, "what an editor saved meanwhile");
    const auto written = cli::replace_file_if_unchanged(file.string(), read_hash, "fixed");
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
    const auto written = cli::replace_file_if_unchanged(file.string(), cli::content_hash("old"), "new");
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
    REQUIRE(cli::replace_file_if_unchanged(link.string(), cli::content_hash("old"), "new"));
    CHECK(fs::is_symlink(link));
    CHECK(slurp(file) == "new");
  }

  TEST_CASE("refuses what is not a regular file") {
    ScratchDir dir;
    const auto written = cli::replace_file_if_unchanged(dir.path.string(), cli::content_hash(""), "x");
    CHECK_FALSE(written);
  }
}
