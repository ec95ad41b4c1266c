// What is read as a policy when the format is detected (docs/inputs.md, "What is read as a
// policy"): IAM content and misspelt IAM content are; a repository's other JSON is not.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <policylint/frontend/iam_content.hpp>
#include <policylint/frontend/load.hpp>
#include <policylint/json/parser.hpp>

using namespace policylint;
using namespace std::string_literals;

namespace {

// Whether the loader, detecting the format, takes this text for IAM content.
bool read_as_iam(const std::string& text, const std::string& name = "input.json") {
  const SourceFile file(name, text);
  return !frontend::load(file, {}).not_iam;
}

} // namespace

TEST_CASE("IAM content: a repository's other JSON is not a policy") {
  CHECK_FALSE(read_as_iam(R"({"name": "web", "version": "1.4.2", "private": true,
    "scripts": {"build": "tsc -p .", "test": "jest"}, "dependencies": {"react": "^18.2.0"}})", "package.json"));
  // tsconfig.json is JSON with comments and trailing commas: not even JSON, and nothing IAM in it.
  CHECK_FALSE(read_as_iam("{\n  // build settings\n  \"compilerOptions\": {\"target\": \"es2020\", \"strict\": true,},\n}\n",
                          "tsconfig.json"));
  CHECK_FALSE(read_as_iam(R"([{"id": 1, "label": "alpha"}, {"id": 2, "label": "beta"}])", "data.json"));
  CHECK_FALSE(read_as_iam("[]"));
  CHECK_FALSE(read_as_iam("42"));
  CHECK_FALSE(read_as_iam("{}"));
  CHECK_FALSE(read_as_iam(R"({"Version": "1.2.3", "Name": "MyApp"})")); // a version, not a policy's
  CHECK_FALSE(read_as_iam(R"({"action": "deploy", "section": "main", "source": "ci"})"));
  CHECK_FALSE(read_as_iam("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe"s));
  CHECK_FALSE(read_as_iam("version: '3.8'\nservices:\n  web:\n    image: nginx\n", "compose.json"));
}

TEST_CASE("IAM content: policies, misspelt policies and broken policies are read") {
  CHECK(read_as_iam(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})"));
  CHECK(read_as_iam(R"({"Statement": "oops"})"));                                  // a typed finding follows
  CHECK(read_as_iam(R"({"Version": "2012-10-17", "Statment": [{"Effect": "Allow"}]})")); // misspelt
  CHECK(read_as_iam(R"({"statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})"));
  CHECK(read_as_iam(R"({"Statements": {"Effect": "Deny"}})"));
  CHECK(read_as_iam(R"({"Version": "2012-10-17"})"));                            // no Statement: PL001
  CHECK(read_as_iam(R"({"version": "2008-10-17", "Id": "x"})"));
  CHECK(read_as_iam(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})")); // a bare statement
  CHECK(read_as_iam(R"({"effect": "deny"})"));
  CHECK(read_as_iam(R"({"Actions": ["s3:GetObject"], "Resources": ["*"]})"));
  CHECK(read_as_iam(R"({"Principle": {"AWS": "*"}, "Action": "sts:AssumeRole"})"));
  CHECK(read_as_iam(R"([{"Effect": "Allow", "Action": "*", "Resource": "*"}])")); // a list of statements
  // Not JSON, but naming IAM elements: truncated, commented, with a trailing comma, UTF-16.
  CHECK(read_as_iam(R"({"Version": "2012-10-17", "Statement": [)"));
  CHECK(read_as_iam(R"({"Version": )"));
  CHECK(read_as_iam("{\n  // admin\n  \"Effect\": \"Allow\", \"Action\": \"*\",\n}"));
  CHECK(read_as_iam("\xff\xfe{\0\"\0S\0t\0a\0t\0e\0m\0e\0n\0t\0\"\0:\0 \0[\0]\0}\0"s));
  CHECK(read_as_iam("Version: 2012-10-17\nStatement:\n  - Effect: Allow\n", "policy.yaml")); // YAML: PL000
  // Empty files are read (PL000): nothing says they are anything else.
  CHECK(read_as_iam(""));
  CHECK(read_as_iam("  \n\t"));
  // Front ends recognise their own formats, also when broken.
  CHECK(read_as_iam(R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {)"));
  CHECK(read_as_iam(R"({"Role": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}})"));
}

TEST_CASE("IAM content: --input-format policy reads anything as a policy") {
  const SourceFile file("package.json", R"({"name": "web", "version": "1.0.0"})");
  frontend::LoadOptions strict;
  strict.format = frontend::InputFormat::policy;
  const auto extraction = frontend::load(file, strict);
  CHECK_FALSE(extraction.not_iam);
  CHECK(extraction.documents.size() == 1);
  // The engine reports nothing for a skipped file, and says it skipped it.
  engine::LintOptions options;
  const auto linted = engine::lint_input(file, options, nullptr);
  CHECK(linted.not_iam);
  CHECK(linted.findings.empty());
  options.input_format = frontend::InputFormat::policy;
  const auto forced = engine::lint_input(file, options, nullptr);
  CHECK_FALSE(forced.not_iam);
  CHECK(testing::has_code(forced.findings, "PL001"));
}
