#pragma once
// Values the input leaves unknown. A front end reads a value known only after deployment
// (Terraform's `aws_cognito_identity_pool.pool.id`, CloudFormation's `{"Ref": "Pool"}`, a `Sub`
// with such parts) as "*", the pattern of everything it could be. In a condition that is one
// specific value the author chose, not a wildcard the author wrote: rules that judge what the
// author wrote tell the two apart by the user's own file.
#include <policylint/core/source_file.hpp>
#include <policylint/core/source_range.hpp>
#include <policylint/policy/model.hpp>

#include <string_view>

namespace policylint::rules::support {

// Whether the file spells a wildcard ('*', '?', or an escape that could be one) in `range`. A
// range that is empty or outside the file (an embedded managed policy) counts as written.
[[nodiscard]] bool wildcard_written(const SourceFile* file, SourceRange range);

// The stand-in for one unknown condition value: no wildcard, no variable, held by no request
// an outsider can make.
inline constexpr std::string_view k_unknown_value = "(known after deployment)";

// The policy with every condition value whose wildcard the file does not spell replaced by
// k_unknown_value (ranges kept); `changed` tells whether any was.
[[nodiscard]] policy::Policy with_unknown_condition_values(const policy::Policy& policy, const SourceFile* file,
                                                           bool& changed);

} // namespace policylint::rules::support
