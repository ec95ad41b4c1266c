#pragma once
// Source addresses for counterexamples, derived from the ranges a policy mentions.
#include <policylint/policy/model.hpp>

#include <span>
#include <string>
#include <vector>

namespace policylint::query {

// Every value written for `lower_key` (e.g. "aws:sourceip") under an IP operator.
[[nodiscard]] std::vector<std::string> ip_values(std::span<const policy::Policy* const> policies,
                                                 const std::string& lower_key);

// A public address that lies outside every mentioned range narrower than /0 — a stand-in
// for "anywhere else on the internet". Prefers documentation addresses (198.51.100.23).
[[nodiscard]] std::string arbitrary_address(const std::vector<std::string>& mentioned_ranges);

// One address inside each valid mentioned range (its first address).
[[nodiscard]] std::vector<std::string> inside_addresses(const std::vector<std::string>& mentioned_ranges);

// Whether the address lies in one of the ranges.
[[nodiscard]] bool address_in_any(const std::string& address, const std::vector<std::string>& mentioned_ranges);

} // namespace policylint::query
