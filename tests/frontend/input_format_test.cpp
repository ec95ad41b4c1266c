// --input-format and directory discovery of CloudFormation YAML.
#include "frontend/frontend_support.hpp"

#include <doctest/doctest.h>

#include <policylint/io/inputs.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace policylint;
using namespace policylint::testing;

namespace {

const std::string k_template = R"({"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
  "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}}}})";

std::vector<engine::Diagnostic> lint_as(const std::string& text, frontend::InputFormat format) {
  const SourceFile file("t.json", text);
  engine::LintOptions options;
  options.input_format = format;
  return engine::lint_source(file, options);
}

} // namespace

TEST_CASE("input format: auto reads a template, policy reads it as a (malformed) policy") {
  const auto as_template = lint_as(k_template, frontend::InputFormat::auto_detect);
  CHECK(has_code(as_template, "PL101"));
  CHECK_FALSE(has_code(as_template, "PL001"));
  const auto as_policy = lint_as(k_template, frontend::InputFormat::policy);
  CHECK(has_code(as_policy, "PL001")); // no Statement at the top: the pre-front-end behaviour
  CHECK_FALSE(has_code(as_policy, "PL101"));
  // Forcing a format that does not match finds no documents, and says nothing false.
  CHECK(lint_as(k_template, frontend::InputFormat::terraform_plan).empty());
  CHECK(frontend::parse_format("terraform-plan") == frontend::InputFormat::terraform_plan);
  CHECK_FALSE(frontend::parse_format("yaml").has_value());
}

TEST_CASE("input format: directories yield CloudFormation YAML, not other YAML") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("policylint-inputs-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  auto write = [&](const fs::path& p, const std::string& text) { std::ofstream(dir / p) << text; };
  write("policy.json", "{}");
  write("sub/stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
  write("sub/app.yml", "Resources:\n  Q:\n    Type: 'AWS::SQS::Queue'\n");
  write("sub/ci.yaml", "jobs:\n  build:\n    runs-on: ubuntu-latest\n");
  write("sub/stack.template", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}");
  write("sub/notes.txt", "AWSTemplateFormatVersion");
  const auto inputs = io::collect_inputs({dir.string()}, {}, "");
  std::vector<std::string> names;
  for (const auto& f : inputs.files) {
    names.push_back(fs::path(f.path).filename().string());
  }
  fs::remove_all(dir);
  CHECK(names == std::vector<std::string>{"policy.json", "app.yml", "stack.template", "stack.yaml"});
}
