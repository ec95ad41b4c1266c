#pragma once
// Callers that a policy cannot tell apart get the same answer from the engine, so a rule that
// asks one question per principal of a statement asks it once per class of callers instead:
// a statement naming 20,000 principals no longer costs 20,000 queries that each scan it.
#include <policylint/policy/model.hpp>
#include <policylint/query/request_search.hpp>

#include <string>
#include <vector>

namespace policylint::rules::support {

// What the policy can see of the caller of `space`: whether each statement other than
// `asking` names it in its Principal/NotPrincipal element, and the values of the fixed
// context keys the policy reads (`read_keys`: probes::mentioned_keys(policy)). The caller must be one
// that `asking` names (as probes::account_caller builds them from its values), so that bit is constant.
// Equal strings mean the same answer to any query that differs only in the caller.
[[nodiscard]] std::string caller_class(const policy::Policy& policy, const policy::Statement& asking,
                                       const std::vector<std::string>& read_keys, const query::SearchSpace& space);

} // namespace policylint::rules::support
