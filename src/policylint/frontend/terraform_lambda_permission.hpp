#pragma once
// `aws_lambda_permission` is one statement of the function's resource policy, written as
// attributes: the statement Lambda adds for it, with ranges on those attributes, so that the
// resource-policy rules (public invocation, untrusted accounts) judge it as any other policy.
#include <policylint/frontend/hcl_values.hpp>
#include <policylint/hcl/ast.hpp>
#include <policylint/json/value.hpp>

namespace policylint::frontend {

[[nodiscard]] json::Value render_lambda_permission(const hcl::Block& block, HclValues& values);

} // namespace policylint::frontend
