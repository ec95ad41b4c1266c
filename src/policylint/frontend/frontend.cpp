#include <policylint/frontend/auth_details.hpp>
#include <policylint/frontend/aws_cli.hpp>
#include <policylint/frontend/cloudformation.hpp>
#include <policylint/frontend/frontend.hpp>
#include <policylint/frontend/iam_content.hpp>
#include <policylint/frontend/terraform_plan.hpp>
#include <policylint/frontend/yaml_tree.hpp>

#include <array>
#include <utility>

#include <string>
#include <vector>

namespace policylint::frontend {

namespace {

constexpr std::array<std::pair<InputFormat, std::string_view>, 7> k_names = {{
    {InputFormat::auto_detect, "auto"},
    {InputFormat::policy, "policy"},
    {InputFormat::cloudformation, "cloudformation"},
    {InputFormat::terraform_plan, "terraform-plan"},
    {InputFormat::terraform, "terraform"},
    {InputFormat::auth_details, "auth-details"},
    {InputFormat::aws_cli, "aws-cli"},
}};

} // namespace

std::vector<std::string> format_names() {
  std::vector<std::string> out;
  for (const auto& entry : k_names) {
    out.emplace_back(entry.second);
  }
  return out;
}

std::string_view format_name(InputFormat format) {
  for (const auto& [f, name] : k_names) {
    if (f == format) {
      return name;
    }
  }
  return "policy";
}

std::optional<InputFormat> parse_format(std::string_view text) {
  for (const auto& [f, name] : k_names) {
    if (name == text) {
      return f;
    }
  }
  return std::nullopt;
}

std::optional<InputFormat> detect_format(const json::Value& root) {
  if (!root.is_object()) {
    return looks_like_policy(root) ? std::optional(InputFormat::policy) : std::nullopt; // a list of statements
  }
  if (root.find("Statement") != nullptr) {
    return InputFormat::policy;
  }
  if (looks_like_template(root)) {
    return InputFormat::cloudformation;
  }
  if (looks_like_plan(root)) {
    return InputFormat::terraform_plan;
  }
  if (looks_like_auth_details(root)) {
    return InputFormat::auth_details;
  }
  if (looks_like_cli_response(root)) {
    return InputFormat::aws_cli;
  }
  if (looks_like_policy(root)) {
    return InputFormat::policy; // misspelt element names: read, so that they are reported
  }
  return std::nullopt;
}

Extraction extract(const SourceFile& file, const json::Value& root, InputFormat format,
                   const json::ParseLimits& limits) {
  Extraction out;
  out.format = format;
  Collector c(file, out, limits);
  switch (format) {
  case InputFormat::cloudformation: extract_cloudformation(root, c); break;
  case InputFormat::terraform_plan: extract_terraform_plan(root, c); break;
  case InputFormat::auth_details: extract_auth_details(root, c); break;
  case InputFormat::aws_cli: extract_cli_response(root, c); break;
  case InputFormat::terraform: // HCL, not JSON: extract_terraform_hcl
  case InputFormat::auto_detect:
  case InputFormat::policy: break;
  }
  return out;
}

Extraction extract_yaml_template(const SourceFile& file, const json::ParseLimits& limits) {
  auto tree = parse_yaml(file, limits.max_depth);
  if (!tree) {
    Extraction out;
    out.format = InputFormat::cloudformation;
    const Error& e = tree.error();
    out.notes.push_back({e.code == ErrorCode::limit ? "input-limit-exceeded" : "invalid-json",
                         e.range.value_or(SourceRange{0, 0}), e.message, {}});
    return out;
  }
  // The tree must outlive the documents that point into it: keep it in the extraction.
  auto root = std::make_unique<json::Value>(std::move(*tree));
  Extraction out = extract(file, *root, InputFormat::cloudformation, limits);
  // Trees borrowed from a YAML file have YAML text under their ranges: no JSON edits there.
  out.json_text = false;
  for (Document& d : out.documents) {
    d.editable = false;
  }
  out.file_root = root.get();
  out.trees.push_back(std::move(root));
  return out;
}

bool should_try_yaml(const SourceFile& file, InputFormat format) {
  if (format == InputFormat::cloudformation) {
    return true;
  }
  if (format != InputFormat::auto_detect) {
    return false;
  }
  const std::string_view text = file.text();
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] == '{' || text[first] == '[') {
    return false; // JSON (broken or not): the JSON error is the useful one
  }
  return looks_like_yaml_template(text);
}

} // namespace policylint::frontend
