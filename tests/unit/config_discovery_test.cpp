// Which configuration file governs a path, and how config globs match paths.
#include "cli/process.hpp"

#include <policylint/core/path_glob.hpp>
#include <policylint/config/discover.hpp>
#include <policylint/config/session.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using policylint::testing::cli::TempDir;

TEST_CASE("config discovery: the nearest file upwards wins, and .git stops the search") {
  const TempDir tmp;
  const auto root = tmp.path();
  tmp.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  tmp.write("repo/.policylint.yaml", "select: [PL1]\n");
  tmp.write("repo/teams/a/.policylint.json", "{}\n");
  tmp.write("repo/teams/a/deep/er/p.json", "{}\n");
  tmp.write(".policylint.yaml", "select: [PL2]\n"); // above the repository: never used
  CHECK(config::find_config_file(root / "repo/teams/a/deep/er") == root / "repo/teams/a/.policylint.json");
  CHECK(config::find_config_file(root / "repo/teams/b") == root / "repo/.policylint.yaml");
  CHECK(config::find_config_file(root / "repo") == root / "repo/.policylint.yaml");
  std::filesystem::remove(root / "repo/.policylint.yaml");
  CHECK_FALSE(config::find_config_file(root / "repo/teams/b"));
  // Outside any repository the search goes up to the filesystem root.
  tmp.write("loose/x/y/p.json", "{}\n");
  CHECK(config::find_config_file(root / "loose/x/y") == root / ".policylint.yaml");
}

TEST_CASE("config discovery: names are tried in a fixed order within a directory") {
  const TempDir tmp;
  tmp.write(".git/HEAD", "");
  tmp.write(".policylint.json", "{}\n");
  tmp.write(".policylint.yml", "{}\n");
  CHECK(config::find_config_file(tmp.path()) == tmp.path() / ".policylint.yml");
  tmp.write(".policylint.yaml", "{}\n");
  CHECK(config::find_config_file(tmp.path()) == tmp.path() / ".policylint.yaml");
}

TEST_CASE("config globs: unanchored names match at any depth, anchored globs match the path or its directories") {
  CHECK(core::path_matches("*.json", "a/b/c.json"));
  CHECK(core::path_matches("legacy", "teams/legacy/admin.json"));
  CHECK_FALSE(core::path_matches("legacy", "teams/legacy-new/admin.json"));
  CHECK(core::path_matches("policies/legacy", "policies/legacy/x/admin.json"));
  CHECK(core::path_matches("policies/legacy/", "policies/legacy/admin.json"));
  CHECK(core::path_matches("./policies/*.json", "policies/admin.json"));
  CHECK_FALSE(core::path_matches("policies/*.json", "policies/sub/admin.json"));
  CHECK(core::path_matches("policies/**/*.json", "policies/sub/admin.json"));
  CHECK(core::path_matches("policies/**", "policies/sub/admin.json"));
  CHECK_FALSE(core::path_matches("policies/*.json", "other/policies/admin.json"));
  CHECK(core::path_matches("**/*.json", "a.json"));
  CHECK(core::path_matches("**/*.json", "a/b/c.json"));
  CHECK(core::path_matches("a/**/b.json", "a/b.json"));
  CHECK(core::path_matches("a/**/b.json", "a/x/y/b.json"));
  CHECK_FALSE(core::path_matches("a/**/b.json", "a/x/y/c.json"));
  CHECK(core::path_matches("p?licies/*.json", "policies/x.json"));
  CHECK(core::path_matches("trust-*.json", "roles/trust-admin.json"));
  CHECK_FALSE(core::path_matches("trust-*.json", "roles/admin.json"));
}
