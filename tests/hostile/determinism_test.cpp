// Determinism (the same bytes whatever the order of the inputs or the locale) and "nothing
// written unless asked" (a run over a read-only copy of the corpora changes nothing and
// writes only the --output file).
#include "hostile/hostile_support.hpp"

#include <doctest/doctest.h>

#include <policylint/frontend/yaml_tree.hpp>

#include <algorithm>
#include <random>

using namespace policylint::testing::hostile;

namespace {

// Copies sample-policies/ (and the shared edge-case corpora when present) into dir/corpora.
std::vector<std::string> copy_corpora(const Scratch& dir) {
  std::vector<std::string> roots;
  fs::create_directories(dir / "corpora");
  fs::copy(source_dir() / "sample-policies", dir / "corpora/sample-policies", fs::copy_options::recursive);
  roots.emplace_back("corpora/sample-policies");
  const fs::path edge = source_dir() / "../shared/corpora/edge-cases";
  if (fs::is_directory(edge)) {
    fs::copy(edge, dir / "corpora/edge-cases", fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    roots.emplace_back("corpora/edge-cases");
  }
  return roots;
}

// Every path under root with its type, size, mode and content: what "changed nothing" compares.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    struct stat st {};
    ::lstat(it->path().c_str(), &st);
    std::string v = std::to_string(st.st_mode) + ":" + std::to_string(st.st_size) + ":" +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    if (S_ISREG(st.st_mode)) {
      v += ":" + slurp(it->path());
    }
    out[fs::relative(it->path(), root).generic_string()] = std::move(v);
  }
  return out;
}

std::vector<std::string> json_files(const fs::path& cwd, const std::vector<std::string>& roots) {
  std::vector<std::string> files;
  for (const auto& r : roots) {
    for (const auto& e : fs::recursive_directory_iterator(cwd / r)) {
      // What a directory expands to: *.json, *.tf, and YAML files that look like CloudFormation.
      const auto ext = e.path().extension();
      const bool yaml = ext == ".yaml" || ext == ".yml" || ext == ".template";
      if (e.is_regular_file() &&
          (ext == ".json" || ext == ".tf" || (yaml && policylint::frontend::looks_like_yaml_template(slurp(e.path()))))) {
        files.push_back(fs::relative(e.path(), cwd).generic_string());
      }
    }
  }
  return files;
}

} // namespace

TEST_CASE("determinism: byte-identical output whatever the file order or locale") {
  Scratch dir;
  const auto roots = copy_corpora(dir);
  auto files = json_files(dir.path(), roots);
  REQUIRE(files.size() > 10);
  std::sort(files.begin(), files.end());
  auto reversed = files;
  std::reverse(reversed.begin(), reversed.end());
  auto shuffled = files;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(20240611));

  for (const char* format : {"text", "json", "sarif"}) {
    INFO("format " << format);
    auto args = [&](const std::vector<std::string>& order) {
      std::vector<std::string> a{"--format", format, "--exit-zero"};
      a.insert(a.end(), order.begin(), order.end());
      return a;
    };
    const Run base = run(args(files), dir.path(), 60, false, {{"LC_ALL", "C"}});
    INFO(describe(base));
    REQUIRE(base.exit_code == 0);
    REQUIRE_FALSE(base.out.empty());
    const Run rev = run(args(reversed), dir.path(), 60, false, {{"LC_ALL", "C.UTF-8"}});
    const Run shuf = run(args(shuffled), dir.path(), 60, false, {{"LC_ALL", "POSIX"}, {"LANG", "C.UTF-8"}});
    // A locale that does not exist on the machine, and one with a comma decimal separator.
    const Run odd = run(args(files), dir.path(), 60, false, {{"LC_ALL", "de_DE.UTF-8"}, {"TZ", "Asia/Kolkata"}});
    const Run dirs = run(args(roots), dir.path(), 60, false, {{"LC_ALL", "C"}});
    CHECK(rev.out == base.out);
    CHECK(shuf.out == base.out);
    CHECK(odd.out == base.out);
    CHECK(dirs.out == base.out); // directories expand to the same set in the same order
    CHECK(rev.err == base.err);
  }
}

TEST_CASE("no writes: a run over a read-only copy of the corpora writes only --output") {
  Scratch dir;
  const auto roots = copy_corpora(dir);
  fs::create_directory(dir / "out");
  fs::create_directory(dir / "tmp");
  // Read-only for everyone; the child runs as "nobody" when we are root, so this bites.
  for (auto it = fs::recursive_directory_iterator(dir / "corpora"); it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_symlink()) {
      ::chmod(it->path().c_str(), it->is_directory() ? 0555 : 0444);
    }
  }
  ::chmod((dir / "corpora").c_str(), 0555);
  ::chmod((dir / "out").c_str(), 0777);
  ::chmod((dir / "tmp").c_str(), 0777);
  const auto before = snapshot(dir.path());

  std::vector<std::string> args{"--format", "sarif", "--output", "out/report.sarif"};
  args.insert(args.end(), roots.begin(), roots.end());
  const Run r = run(args, dir.path(), 60, true, {{"TMPDIR", (dir / "tmp").string()}, {"HOME", (dir / "tmp").string()}});
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK((r.exit_code == 1 || r.exit_code == 2));
  CHECK(r.out.empty());

  auto after = snapshot(dir.path());
  REQUIRE(after.count("out/report.sarif") == 1);
  CHECK(has(after["out/report.sarif"], "\"version\": \"2.1.0\""));
  after.erase("out/report.sarif");
  // "out" itself changed (a new entry); compare everything else byte for byte.
  auto before_rest = before;
  before_rest.erase("out");
  after.erase("out");
  CHECK(after == before_rest);
  CHECK(fs::is_empty(dir / "tmp"));
}
