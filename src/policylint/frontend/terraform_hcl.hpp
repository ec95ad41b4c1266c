#pragma once
// Terraform configuration (.tf, HCL native syntax): the policies every resource of the AWS
// provider takes (jsonencode objects, heredoc and quoted JSON, aws_iam_policy_document data
// sources) and the users, roles, groups and attachments of the module, for the account graph.
// See docs/inputs.md for what is read and what stays symbolic.
#include <policylint/core/source_file.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/parser.hpp>

#include <string_view>

namespace policylint::frontend {

// A path Terraform reads as HCL configuration (*.tf).
[[nodiscard]] bool is_terraform_path(std::string_view path);

// Parses the file and extracts; an HCL syntax error becomes an invalid-json note at its byte.
[[nodiscard]] Extraction extract_terraform_hcl(const SourceFile& file, const json::ParseLimits& limits);

} // namespace policylint::frontend
