#pragma once
// The source addresses to try for "from outside these ranges" (`source_ip_outside`).
//
// A policy tells addresses apart only by which of its aws:SourceIp ranges contain them.
// CIDR blocks are either nested or disjoint, so the blocks (the policy's and the check's)
// cut the address space into regions "inside this block, outside its sub-blocks", and every
// non-empty region contains the first or last address of a block, or an address just beside
// one (first - 1, last + 1), or the first or last address of the family. One address per
// distinct membership pattern, outside every trusted range, therefore decides the question
// exactly. Private addresses are left out: aws:SourceIp never holds them (iam-semantics §8.1).
#include <policylint/eval/cidr.hpp>

#include <string>
#include <vector>

namespace policylint::custom {

// Addresses outside every `trusted` range, one per membership pattern over `mentioned`
// (the policy's ranges); documentation addresses (198.51.100.23, 2001:db8::23) first.
[[nodiscard]] std::vector<std::string> addresses_outside(const std::vector<eval::Cidr>& trusted,
                                                         const std::vector<eval::Cidr>& mentioned);

} // namespace policylint::custom
