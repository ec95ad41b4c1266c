#pragma once
// Searches for a concrete request with a wanted outcome. A policy can only tell requests
// apart by the values its conditions mention, so for every context key the policies test
// the search tries: the key absent, each mentioned value (wildcards instantiated), values
// just beside numeric bounds, an address inside each mentioned range and one outside all
// of them. Keys the caller fixes (the question being asked: "MFA absent", "from an
// arbitrary address") are never varied. The search is bounded by `budget` evaluations;
// docs/evaluator.md states what that covers.
#include <policylint/eval/evaluator.hpp>

#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>

namespace policylint::query {

struct SearchSpace {
  eval::Request base;               // action, resource, principal and the fixed context
  std::set<std::string> fixed_keys; // lower-case keys kept exactly as in `base` (present or absent)
};

struct Found {
  eval::Request request;
  eval::Evaluation evaluation;
  // Set by Outcome::newly_allowed queries (engine.hpp): how the baseline decided the request.
  std::optional<eval::Evaluation> baseline{};
};

using Wanted = std::function<bool(const eval::Evaluation&)>;

[[nodiscard]] std::optional<Found> find_request(std::span<const policy::Policy* const> policies,
                                                const SearchSpace& space, const Wanted& wanted,
                                                std::size_t budget = 4096);

// The candidate values the search tries for one key (nullopt entry = absent).
[[nodiscard]] std::vector<std::optional<std::vector<std::string>>>
candidate_values(std::span<const policy::Policy* const> policies, const std::string& lower_key);

[[nodiscard]] std::string to_lower(std::string_view text);

} // namespace policylint::query
