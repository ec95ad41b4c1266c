#pragma once
// The recommended design (seed article, AWS Knowledge Center): a user whose only permission
// is to assume a role whose trust policy carries the guards (address, MFA). The network rules
// treat these permissions as "only assumes roles": they never lead an AWS service to act for
// the caller, and the guard they need lives in the role's trust policy (PL301, PL201).
#include <string_view>

namespace policylint::rules::support {

// sts:AssumeRole and the calls that go with it (session tags, source identity, whoami).
[[nodiscard]] bool role_assumption_action(std::string_view action);

} // namespace policylint::rules::support
