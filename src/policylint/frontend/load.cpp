#include <policylint/frontend/load.hpp>

#include <policylint/frontend/frontend.hpp>
#include <policylint/frontend/iam_content.hpp>
#include <policylint/frontend/terraform_hcl.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <memory>

namespace policylint::frontend {

namespace {

Extraction plain_policy(std::unique_ptr<json::Value> root) {
  Extraction out;
  out.format = InputFormat::policy;
  Document d;
  d.tree = root.get();
  d.kind = std::nullopt; // detected from the document, unless --kind forces one
  d.editable = true;
  out.documents.push_back(std::move(d));
  out.file_root = root.get();
  out.trees.push_back(std::move(root));
  return out;
}

Extraction not_iam() {
  Extraction out;
  out.not_iam = true;
  return out;
}

} // namespace

Extraction load(const SourceFile& file, const LoadOptions& options) {
  if (options.format == InputFormat::terraform ||
      (options.format == InputFormat::auto_detect && is_terraform_path(file.path()))) {
    // HCL, not JSON: the documents are trees converted from the HCL, with ranges on its tokens.
    Extraction out = extract_terraform_hcl(file, options.limits);
    out.json_text = false;
    for (Document& d : out.documents) {
      d.editable = false; // --fix does not edit HCL (docs/inputs.md)
    }
    return out;
  }
  auto tree = json::parse(file, options.limits);
  if (!tree) {
    if (options.format != InputFormat::policy && should_try_yaml(file, options.format)) {
      return extract_yaml_template(file, options.limits);
    }
    if (options.format == InputFormat::auto_detect && !text_names_iam_content(file.text())) {
      return not_iam(); // a tsconfig.json with comments, a binary file named .json
    }
    const Error& e = tree.error();
    Extraction out;
    out.format = options.format == InputFormat::auto_detect ? InputFormat::policy : options.format;
    out.notes.push_back({e.code == ErrorCode::limit ? "input-limit-exceeded" : "invalid-json",
                         e.range.value_or(SourceRange{0, file.size() > 0 ? 1U : 0U}), e.message, {}});
    return out;
  }
  auto root = std::make_unique<json::Value>(std::move(*tree));
  const std::optional<InputFormat> detected =
      options.format == InputFormat::auto_detect ? detect_format(*root) : options.format;
  if (!detected) {
    return not_iam();
  }
  const InputFormat format = *detected;
  if (format == InputFormat::policy) {
    if (const std::uint64_t limit = options.max_policy_file_bytes; limit != 0 && file.size() > limit) {
      Extraction out;
      out.format = InputFormat::policy;
      out.notes.push_back({"input-limit-exceeded", SourceRange{0, 1},
                           fmt::format("file is {} bytes, over the limit of {} for a policy file (--max-file-size)",
                                       file.size(), limit),
                           {}});
      return out;
    }
    return plain_policy(std::move(root));
  }
  // Documents may point into the root: the extraction keeps it.
  Extraction out = extract(file, *root, format, options.limits);
  out.file_root = root.get();
  out.trees.push_back(std::move(root));
  return out;
}

} // namespace policylint::frontend
