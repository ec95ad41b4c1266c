#pragma once
// The policy a `data "aws_iam_policy_document"` block renders, as the AWS provider renders it:
// `statement` blocks with actions, resources, `principals` / `not_principals` (merged by
// type; type "*" with identifiers ["*"] is Principal "*"), `condition` blocks (merged by test
// and variable); statements of `source_policy_documents` first, replaced by this document's
// statements of the same Sid, then `override_policy_documents` replacing by Sid or appended.
// Ranges point at the HCL tokens (the attribute's value, the block's type for defaults).
#include <policylint/frontend/hcl_values.hpp>
#include <policylint/hcl/ast.hpp>
#include <policylint/json/value.hpp>

#include <functional>
#include <optional>

namespace policylint::frontend {

// Resolves one element of source_policy_documents / override_policy_documents to a policy.
using DocumentResolver = std::function<std::optional<json::Value>(const hcl::Expr&)>;

[[nodiscard]] json::Value render_policy_document(const hcl::Block& block, HclValues& values,
                                                 const DocumentResolver& resolve, std::vector<Note>& notes);

} // namespace policylint::frontend
