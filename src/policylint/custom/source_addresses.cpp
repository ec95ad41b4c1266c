#include <policylint/custom/source_addresses.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

namespace policylint::custom {

namespace {

using eval::Cidr;
using eval::IpAddress;

unsigned width(bool ipv6) { return ipv6 ? 128U : 32U; }

// The address with the lowest `host_bits` bits all set.
IpAddress with_host_bits(IpAddress a, unsigned host_bits) {
  if (!a.ipv6) {
    const std::uint64_t mask = host_bits >= 32 ? 0xFFFFFFFFULL : ((1ULL << host_bits) - 1);
    a.lo |= mask;
    return a;
  }
  if (host_bits >= 64) {
    a.lo = ~0ULL;
    const unsigned high = host_bits - 64;
    a.hi |= high >= 64 ? ~0ULL : ((1ULL << high) - 1);
  } else {
    a.lo |= (1ULL << host_bits) - 1;
  }
  return a;
}

IpAddress last_of(const Cidr& c) { return with_host_bits(c.network, width(c.network.ipv6) - c.prefix_length); }

// a + 1 / a - 1 within the family; nullopt at the ends.
std::optional<IpAddress> next(IpAddress a) {
  if (!a.ipv6) {
    if (a.lo >= 0xFFFFFFFFULL) { return std::nullopt; }
    ++a.lo;
    return a;
  }
  if (a.lo != ~0ULL) { ++a.lo; return a; }
  if (a.hi == ~0ULL) { return std::nullopt; }
  a.lo = 0;
  ++a.hi;
  return a;
}

std::optional<IpAddress> previous(IpAddress a) {
  if (!a.ipv6) {
    if (a.lo == 0) { return std::nullopt; }
    --a.lo;
    return a;
  }
  if (a.lo != 0) { --a.lo; return a; }
  if (a.hi == 0) { return std::nullopt; }
  a.lo = ~0ULL;
  --a.hi;
  return a;
}

bool in_any(const std::vector<Cidr>& ranges, const IpAddress& a) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const Cidr& c) { return eval::request_address_in_range(c, a); });
}

} // namespace

std::vector<std::string> addresses_outside(const std::vector<Cidr>& trusted, const std::vector<Cidr>& mentioned) {
  std::vector<IpAddress> points;
  std::vector<Cidr> all = trusted;
  all.insert(all.end(), mentioned.begin(), mentioned.end());
  for (const bool ipv6 : {false, true}) {
    for (const std::vector<Cidr>* set : std::array<const std::vector<Cidr>*, 2>{&all, &trusted}) {
      if (auto nice = eval::address_outside(*set, ipv6)) {
        if (auto parsed = eval::parse_ip_address(*nice)) {
          points.push_back(*parsed);
        }
      }
    }
  }
  for (const Cidr& c : all) {
    const IpAddress first = c.network;
    const IpAddress last = last_of(c);
    points.push_back(first);
    points.push_back(last);
    if (auto p = previous(first)) { points.push_back(*p); }
    if (auto n = next(last)) { points.push_back(*n); }
  }
  points.push_back(IpAddress{0, 0, false});
  points.push_back(IpAddress{0, 0xFFFFFFFFULL, false});
  points.push_back(IpAddress{0, 0, true});
  points.push_back(IpAddress{~0ULL, ~0ULL, true});

  std::vector<std::string> out;
  std::vector<std::vector<bool>> patterns;
  for (const IpAddress& a : points) {
    if (in_any(trusted, a) || eval::is_private(Cidr{a, width(a.ipv6), false})) {
      continue;
    }
    std::vector<bool> pattern;
    pattern.reserve(mentioned.size());
    for (const Cidr& c : mentioned) {
      pattern.push_back(eval::request_address_in_range(c, a));
    }
    if (std::find(patterns.begin(), patterns.end(), pattern) != patterns.end()) {
      continue;
    }
    patterns.push_back(std::move(pattern));
    out.push_back(eval::format_ip(a));
  }
  return out;
}

} // namespace policylint::custom
