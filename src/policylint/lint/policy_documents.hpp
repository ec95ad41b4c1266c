#pragma once
// The policy documents of one input, built into models, for the commands that evaluate policies
// rather than lint them (diff, simulate). They read through the same loader as `check`
// (frontend::load), so every input format is read, or refused with a positioned error.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/policy/model.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policylint::lint {

struct PolicyDocument {
  std::string origin; // where in the input ("" for a plain policy file)
  policy::Policy policy;
};

struct PolicyDocuments {
  std::unique_ptr<SourceFile> file; // the documents' ranges point into it
  frontend::InputFormat format = frontend::InputFormat::policy;
  std::vector<PolicyDocument> documents;
  // Structural problems of the documents (rule slug, position, message), for warnings.
  std::vector<frontend::Note> issues;
};

// Loads every document of `file` that is linted (AWS managed policies a snapshot only carries
// for reference are left out). Fails, with "path:line:col: message", when the input cannot be
// read as any format. `type` (--scp, --rcp, --policy-type) overrides what the input's context says
// and, unless `forced_kind` is given, decides the kind.
[[nodiscard]] Result<PolicyDocuments> load_policy_documents(std::unique_ptr<SourceFile> file,
                                                            frontend::InputFormat format,
                                                            std::optional<policy::PolicyKind> forced_kind,
                                                            std::optional<policy::PolicyType> type = std::nullopt);

} // namespace policylint::lint
