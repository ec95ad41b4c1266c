// Wildcard matching and Action matching (iam-semantics §3, §11 items 10 and 13).
#include <doctest/doctest.h>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/glob.hpp>

#include <string>

using policylint::eval::action_matches;
using policylint::eval::glob_match;
using policylint::eval::glob_match_icase;
using policylint::eval::GlobOptions;
using policylint::eval::has_wildcard;

TEST_CASE("glob: literal text matches only itself, case-sensitively") {
  CHECK(glob_match("user/Bob", "user/Bob"));
  CHECK_FALSE(glob_match("user/Bob", "user/bob"));
  CHECK_FALSE(glob_match("user/Bob", "user/Bobby"));
  CHECK_FALSE(glob_match("user/Bobby", "user/Bob"));
  CHECK(glob_match("", ""));
  CHECK_FALSE(glob_match("", "x"));
}

TEST_CASE("glob: star matches any run, including empty and separators") {
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*", "anything/at:all"));
  CHECK(glob_match("home/*", "home/"));
  CHECK(glob_match("home/*", "home/alice/docs/x.txt"));
  CHECK(glob_match("a*b*c", "aXXbYYc"));
  CHECK(glob_match("a*b*c", "abc"));
  CHECK_FALSE(glob_match("a*b*c", "acb"));
  CHECK(glob_match("*.txt", "notes.final.txt"));
  CHECK_FALSE(glob_match("*.txt", "notes.txt.bak"));
  CHECK(glob_match("**", "x"));
}

TEST_CASE("glob: question mark is exactly one character") {
  CHECK(glob_match("?utObjectAcl", "PutObjectAcl"));
  CHECK_FALSE(glob_match("?utObjectAcl", "utObjectAcl"));
  CHECK_FALSE(glob_match("a?", "a"));
  CHECK(glob_match("a?c", "a/c"));
  CHECK(glob_match("*?", "x"));
  CHECK_FALSE(glob_match("*?", ""));
}

TEST_CASE("glob: character classes do not exist, brackets are literal") {
  CHECK(glob_match("log[1]", "log[1]"));
  CHECK_FALSE(glob_match("log[12]", "log1"));
}

TEST_CASE("glob: case-insensitive variant") {
  CHECK(glob_match_icase("iam:*AccessKey*", "IAM:createaccesskey"));
  CHECK_FALSE(glob_match("iam:*AccessKey*", "IAM:createaccesskey"));
  CHECK(glob_match_icase("S3:GET*", "s3:getobject"));
}

TEST_CASE("glob: escapes only when asked for") {
  const GlobOptions escaped{.ignore_case = false, .escapes = true};
  CHECK(glob_match("a\\*", "a\\xyz"));           // without escapes `\` is literal, `*` wild
  CHECK(glob_match("a\\*", "a*", escaped));
  CHECK_FALSE(glob_match("a\\*", "ab", escaped)); // escaped star is literal
  CHECK(glob_match("a\\?b", "a?b", escaped));
  CHECK_FALSE(glob_match("a\\?b", "axb", escaped));
  CHECK(glob_match("a\\\\*", "a\\anything", escaped)); // escaped backslash then real star
}

TEST_CASE("glob: pathological patterns finish quickly (no exponential backtracking)") {
  const std::string text(5000, 'a');
  std::string pattern;
  for (int i = 0; i < 60; ++i) {
    pattern += "*a";
  }
  pattern += "b";
  CHECK_FALSE(glob_match(pattern, text));
  CHECK(glob_match(pattern.substr(0, pattern.size() - 1), text));
}

TEST_CASE("has_wildcard") {
  CHECK(has_wildcard("s3:Get*"));
  CHECK(has_wildcard("a?"));
  CHECK_FALSE(has_wildcard("arn:aws:s3:::bucket"));
}

TEST_CASE("action: case-insensitive prefix and name (§3)") {
  CHECK(action_matches("iam:ListAccessKeys", "IAM:listaccesskeys"));
  CHECK(action_matches("IAM:LISTACCESSKEYS", "iam:ListAccessKeys"));
  CHECK_FALSE(action_matches("iam:ListAccessKeys", "iam:ListAccessKey"));
}

TEST_CASE("action: wildcards within the name") {
  CHECK(action_matches("iam:*AccessKey*", "iam:CreateAccessKey"));
  CHECK(action_matches("iam:*AccessKey*", "iam:UpdateAccessKey"));
  CHECK_FALSE(action_matches("iam:*AccessKey*", "iam:CreateUser"));
  CHECK(action_matches("s3:Get*", "s3:GetObject"));
  CHECK_FALSE(action_matches("s3:Get*", "s3:PutObject"));
  CHECK(action_matches("s3:?utObjectAcl", "s3:PutObjectAcl"));
}

TEST_CASE("action: service prefix is exact (§11.13)") {
  CHECK(action_matches("s3:*", "s3:GetObject"));
  CHECK_FALSE(action_matches("s3:*", "s3-object-lambda:GetObject"));
  CHECK_FALSE(action_matches("s3:Get*", "s3-object-lambda:GetObject"));
  CHECK_FALSE(action_matches("ec2:*", "ec2messages:GetMessages"));
  CHECK_FALSE(action_matches("iam:*", "sts:AssumeRole"));
}

TEST_CASE("action: a bare star matches every action") {
  CHECK(action_matches("*", "s3:GetObject"));
  CHECK(action_matches("*", "s3-object-lambda:GetObject"));
  CHECK(action_matches("*:*", "kms:Decrypt"));
}

TEST_CASE("action: malformed patterns match nothing useful") {
  CHECK_FALSE(action_matches("s3", "s3:GetObject"));
  CHECK_FALSE(action_matches("s3:GetObject", "s3"));
  CHECK_FALSE(action_matches("", "s3:GetObject"));
}
