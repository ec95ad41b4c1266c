#pragma once
// A request decides a condition as much by the keys it leaves out as by the values it
// carries (IfExists, Null, a Deny on "false"): a counterexample must name both.
#include <policylint/eval/request.hpp>
#include <policylint/policy/model.hpp>

#include <span>
#include <string>
#include <vector>

namespace policylint::query {

// The condition keys the policies test that the request leaves out, spelt as first written,
// in order of first mention (case-insensitively distinct).
[[nodiscard]] std::vector<std::string> absent_condition_keys(std::span<const policy::Policy* const> policies,
                                                             const eval::Request& request);

} // namespace policylint::query
