#pragma once
// Sets of addresses given as CIDR ranges, with union and difference, so that two allow-lists
// can be compared as the address sets they admit ("192.0.2.0/24" and "192.0.2.0/25,
// 192.0.2.128/25" are equal) and their difference shown as CIDR ranges again.
// IPv4 and IPv6 are separate families: an IPv4 range never covers an IPv6 address.
#include <policylint/eval/cidr.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace policylint::account {

class CidrSet {
public:
  CidrSet() = default;
  [[nodiscard]] static CidrSet of(const std::vector<eval::Cidr>& ranges);
  // Values that are not CIDR ranges are skipped (the validity rules report them).
  [[nodiscard]] static CidrSet parse(const std::vector<std::string>& texts);

  void add(const eval::Cidr& range);
  void add(const CidrSet& other);
  [[nodiscard]] CidrSet minus(const CidrSet& other) const;
  [[nodiscard]] bool empty() const { return m_v4.empty() && m_v6.empty(); }
  [[nodiscard]] bool contains(const eval::IpAddress& address) const;

  // The fewest CIDR ranges that cover exactly this set, IPv4 first, each family ascending.
  [[nodiscard]] std::vector<eval::Cidr> to_cidrs() const;
  // "192.0.2.0/25, 2001:db8::/32", or "(none)" when empty.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const CidrSet&, const CidrSet&) = default;

  // A 128-bit address value (IPv4 in the low 32 bits), ordered as a number.
  struct Value {
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    friend constexpr auto operator<=>(const Value&, const Value&) = default;
  };
  // Closed interval [first, last].
  struct Interval {
    Value first;
    Value last;
    friend constexpr bool operator==(const Interval&, const Interval&) = default;
  };

private:
  // Sorted, disjoint and never adjacent, so equal sets have equal representations.
  std::vector<Interval> m_v4;
  std::vector<Interval> m_v6;
};

} // namespace policylint::account
