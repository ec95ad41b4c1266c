#pragma once
// IPv4 and IPv6 addresses and CIDR ranges for IpAddress/NotIpAddress (iam-semantics §6.2, §8,
// §11 items 2-3). Addresses are compared as parsed values, never as text.
#include <policylint/core/expected.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::eval {

// An address as a 128-bit value (hi, lo). IPv4 addresses live in the low 32 bits of lo.
struct IpAddress {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  bool ipv6 = false;
  friend constexpr bool operator==(const IpAddress&, const IpAddress&) = default;
};

// A range: the network address with host bits cleared, and the prefix length in bits of its
// own family (0-32 for IPv4, 0-128 for IPv6). A bare address is a /32 or /128.
struct Cidr {
  IpAddress network;
  unsigned prefix_length = 0;
  bool host_bits_set = false; // "10.1.2.3/8": AWS ignores the host bits (IMPROVE_IP_RANGE)
  friend constexpr bool operator==(const Cidr&, const Cidr&) = default;
};

// Dotted-quad IPv4 (no leading zeros: "010.0.0.1" is ambiguous and rejected) or IPv6 in any
// RFC 4291 text form, hex case-insensitive, including a trailing dotted quad. No zone ids.
[[nodiscard]] std::optional<IpAddress> parse_ip_address(std::string_view text);
// "192.0.2.0/24", "2001:db8::/32", or a bare address.
[[nodiscard]] Result<Cidr> parse_cidr(std::string_view text);
[[nodiscard]] std::optional<Cidr> try_parse_cidr(std::string_view text);

// Family-exact containment: an IPv4 range never contains an IPv6 address and vice versa.
[[nodiscard]] bool cidr_contains(const Cidr& range, const IpAddress& address);
[[nodiscard]] bool cidr_contains(const Cidr& outer, const Cidr& inner);
[[nodiscard]] bool cidrs_overlap(const Cidr& a, const Cidr& b);

// ::ffff:a.b.c.d
[[nodiscard]] bool is_ipv4_mapped(const IpAddress& address);

// THE documented choice for IPv4-mapped IPv6 request addresses (§11.3; AWS does not document
// it): a request address ::ffff:a.b.c.d is inside an IPv4 range when a.b.c.d is (as
// dual-stack sockets and most IP libraries treat it), and inside an IPv6 range when its full
// 128-bit value is (e.g. ::ffff:0:0/96). Every other address uses cidr_contains. The
// IpAddress/NotIpAddress operators call this, nothing else.
[[nodiscard]] bool request_address_in_range(const Cidr& range, const IpAddress& request_address);

// The range lies entirely inside address space that never appears in aws:SourceIp (§8.1):
// 10/8, 172.16/12, 192.168/16, 100.64/10, 127/8, 169.254/16, ::1, fc00::/7, fe80::/10.
[[nodiscard]] bool is_private(const Cidr& range);

[[nodiscard]] std::string format_ip(const IpAddress& address); // RFC 5952 for IPv6
[[nodiscard]] std::string format_cidr(const Cidr& range);       // "network/prefix"

// A public address outside every range of the same family, for counterexamples. Prefers the
// documentation addresses 198.51.100.23, 203.0.113.23, 192.0.2.23 (IPv4) and 2001:db8::23
// (IPv6); nullopt when the ranges cover every candidate (e.g. 0.0.0.0/0).
[[nodiscard]] std::optional<std::string> address_outside(const std::vector<Cidr>& ranges, bool ipv6);

} // namespace policylint::eval
