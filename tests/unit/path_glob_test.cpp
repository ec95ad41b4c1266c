// Globs shared by --exclude and the configuration's path globs.
#include <policylint/io/inputs.hpp>
#include <policylint/core/path_glob.hpp>

#include <doctest/doctest.h>

using policylint::core::path_glob_matches;

TEST_CASE("path glob: '*' and '?' stay within one segment") {
  CHECK(path_glob_matches("policies/*.json", "policies/admin.json"));
  CHECK_FALSE(path_glob_matches("policies/*.json", "policies/users/admin.json"));
  CHECK(path_glob_matches("policies/user-?.json", "policies/user-a.json"));
  CHECK_FALSE(path_glob_matches("policies/user-?.json", "policies/user-ab.json"));
  CHECK_FALSE(path_glob_matches("a?b", "a/b"));
}

TEST_CASE("path glob: a '**' segment matches any number of whole segments, none included") {
  CHECK(path_glob_matches("policies/**/*.json", "policies/admin.json"));
  CHECK(path_glob_matches("policies/**/*.json", "policies/sub/x.json")); // a later '*' keeps the '**'
  CHECK(path_glob_matches("policies/**/*.json", "policies/a/b/c/x.json"));
  CHECK_FALSE(path_glob_matches("policies/**/*.json", "other/sub/x.json"));
  CHECK(path_glob_matches("**/legacy/*", "teams/a/legacy/old.json"));
  CHECK(path_glob_matches("build/**", "build/x/y.json"));
}

TEST_CASE("--exclude uses the same globs") {
  CHECK(policylint::io::glob_matches("policies/**/*.json", "policies/sub/x.json"));
  CHECK_FALSE(policylint::io::glob_matches("policies/*.json", "policies/sub/x.json"));
}
