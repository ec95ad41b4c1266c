#pragma once
// The callers a check's principal class stands for (drawn from the one attacker model,
// probes/callers.hpp), as concrete request principals with the
// identity keys AWS would send for them. Resource and trust policies can only tell callers
// apart by the principals and the principal keys they name, so the class is covered by: an
// anonymous caller, a user in an unrelated account, and every principal the policy names
// that falls in the class.
#include <policylint/custom/check.hpp>
#include <policylint/policy/model.hpp>
#include <policylint/probes/callers.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace policylint::custom {

using Caller = probes::Caller;

// Empty when the class does not apply to the policy (anonymous/outside on an identity policy).
[[nodiscard]] std::vector<Caller> callers_for(const PrincipalClass& principal, const policy::Policy& policy);

} // namespace policylint::custom
