#pragma once
// What a front end makes of one input file: the policy documents it holds (each a JSON
// syntax tree whose ranges point into the user's file, whatever the file's format), the
// findings the front end itself reports (unresolved intrinsics, values unknown at plan time,
// embedded policy strings that are not JSON), and the principals the file declares.
#include <policylint/account/model.hpp>
#include <policylint/core/source_range.hpp>
#include <policylint/json/value.hpp>
#include <policylint/policy/model.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::frontend {

enum class InputFormat { auto_detect, policy, cloudformation, terraform_plan, terraform, auth_details, aws_cli };

[[nodiscard]] std::string_view format_name(InputFormat format);
// Every name --input-format accepts, "auto" first: the one list the CLI and its docs read.
[[nodiscard]] std::vector<std::string> format_names();
[[nodiscard]] std::optional<InputFormat> parse_format(std::string_view text);

// A finding the front end reports, named by rule slug (like policy::StructuralIssue).
struct Note {
  std::string rule;
  SourceRange range;
  std::string message;
  std::vector<std::string> suppressed; // rules the enclosing resource's Metadata turns off
};

struct Document {
  const json::Value* tree = nullptr; // the policy object, owned by Extraction::trees
  std::optional<policy::PolicyKind> kind; // nullopt: detected from the document, as for a plain file
  std::optional<policy::PolicyType> type; // what the context says it is (a resource type); nullopt: not said
  std::string resource_service;           // a resource policy's service prefix, when the context names it
  bool lint = true;                  // false: in the account only (AWS managed policies of a snapshot)
  std::string origin;                // e.g. "Resources.AdminRole.AssumeRolePolicyDocument"
  std::vector<std::string> suppressed;
  std::optional<std::size_t> account_document; // index into Extraction::account.documents
  // The tree is the file's own JSON text (a plain policy, a template's literal PolicyDocument),
  // not YAML, a decoded string or a tree with intrinsics substituted: fixes may edit its bytes.
  bool editable = false;
};

struct Extraction {
  InputFormat format = InputFormat::policy;
  std::vector<std::unique_ptr<json::Value>> trees; // everything Document::tree points into
  std::vector<Document> documents;
  std::vector<Note> notes;
  account::Account account; // documents' `policy` is filled by the runner once built
  const json::Value* file_root = nullptr; // the whole file's tree (owned by `trees`), for pointers
  bool json_text = true;                  // the file is JSON (not YAML): borrowed trees are its text
  // Auto-detection found no IAM content (a package.json): nothing to lint, no finding; the
  // run counts the file as skipped (docs/inputs.md).
  bool not_iam = false;
};

} // namespace policylint::frontend
