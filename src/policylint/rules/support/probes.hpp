#pragma once
// Shared by the seed rules: the concrete requests they ask the evaluator about.
#include <policylint/engine/diagnostic.hpp>
#include <policylint/policy/model.hpp>
#include <policylint/probes/callers.hpp>
#include <policylint/probes/counterexample.hpp>
#include <policylint/probes/decide.hpp>
#include <policylint/query/request_search.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::rules::support {

// The attacker model and the decide call live in probes/ (shared with custom checks).
using probes::decided_by;

// Actions an attacker with administrator keys would try first, then every literal
// (wildcard-free) action the policy names — so a Deny that covers only some services
// still leaves a concrete action in the counterexample.
[[nodiscard]] std::vector<std::string> probe_actions(const policy::Policy& policy);

using probes::counterexample;
using probes::k_mfa_age;
using probes::k_mfa_present;
using probes::k_source_ip;
using probes::k_via_service;

// The "*" (or "*:*") of an evaluable Allow's Action element — administrator access — or nullptr.
[[nodiscard]] const policy::Text* star_action(const policy::Statement& st);

} // namespace policylint::rules::support
