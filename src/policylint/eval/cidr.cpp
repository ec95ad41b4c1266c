#include <policylint/eval/cidr.hpp>

#include <array>
#include <charconv>
#include <fmt/format.h>

namespace policylint::eval {

namespace {

constexpr std::uint64_t k_all = ~std::uint64_t{0};

unsigned family_bits(bool ipv6) { return ipv6 ? 128U : 32U; }

// Mask of the top `prefix` bits of the family, as (hi, lo).
std::pair<std::uint64_t, std::uint64_t> prefix_mask(bool ipv6, unsigned prefix) {
  if (!ipv6) {
    const std::uint64_t m = prefix == 0 ? 0 : ((k_all << (32U - prefix)) & 0xffffffffULL);
    return {0, m};
  }
  if (prefix <= 64) {
    return {prefix == 0 ? 0 : k_all << (64U - prefix), 0};
  }
  return {k_all, k_all << (128U - prefix)};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t value = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (text.empty() || text.front() != '.') {
        return std::nullopt;
      }
      text.remove_prefix(1);
    }
    std::size_t len = 0;
    while (len < text.size() && len < 4 && is_digit(text[len])) {
      ++len;
    }
    if (len == 0 || len > 3 || (len > 1 && text[0] == '0')) {
      return std::nullopt;
    }
    unsigned octet = 0;
    for (std::size_t i = 0; i < len; ++i) {
      octet = octet * 10U + static_cast<unsigned>(text[i] - '0');
    }
    if (octet > 255) {
      return std::nullopt;
    }
    value = (value << 8U) | octet;
    text.remove_prefix(len);
  }
  if (!text.empty()) {
    return std::nullopt;
  }
  return value;
}

// Parses "g:g:…[:d.d.d.d]" (no "::") into groups; false on syntax errors or > max groups.
bool parse_ipv6_groups(std::string_view text, std::array<std::uint16_t, 8>& groups, std::size_t& count,
                       std::size_t max_groups) {
  count = 0;
  if (text.empty()) {
    return true;
  }
  while (true) {
    const auto colon = text.find(':');
    const std::string_view group = text.substr(0, colon);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      // Embedded IPv4 in the last two groups.
      const auto v4 = parse_ipv4(group);
      if (!v4 || count + 2 > max_groups) {
        return false;
      }
      groups[count++] = static_cast<std::uint16_t>(*v4 >> 16U);
      groups[count++] = static_cast<std::uint16_t>(*v4 & 0xffffU);
      return true;
    }
    if (group.empty() || group.size() > 4 || count + 1 > max_groups) {
      return false;
    }
    unsigned value = 0;
    for (char c : group) {
      const int h = hex_value(c);
      if (h < 0) {
        return false;
      }
      value = (value << 4U) | static_cast<unsigned>(h);
    }
    groups[count++] = static_cast<std::uint16_t>(value);
    if (colon == std::string_view::npos) {
      return true;
    }
    text.remove_prefix(colon + 1);
  }
}

std::optional<IpAddress> parse_ipv6(std::string_view text) {
  std::array<std::uint16_t, 8> head{};
  std::array<std::uint16_t, 8> tail{};
  std::size_t head_count = 0;
  std::size_t tail_count = 0;
  const auto gap = text.find("::");
  if (gap == std::string_view::npos) {
    if (!parse_ipv6_groups(text, head, head_count, 8) || head_count != 8) {
      return std::nullopt;
    }
  } else {
    const auto left = text.substr(0, gap);
    const auto right = text.substr(gap + 2);
    if (right.find("::") != std::string_view::npos) {
      return std::nullopt;
    }
    // "::" stands for at least one zero group.
    if (!parse_ipv6_groups(left, head, head_count, 7) || !parse_ipv6_groups(right, tail, tail_count, 7) ||
        head_count + tail_count > 7) {
      return std::nullopt;
    }
  }
  std::array<std::uint16_t, 8> all{};
  for (std::size_t i = 0; i < head_count; ++i) {
    all[i] = head[i];
  }
  for (std::size_t i = 0; i < tail_count; ++i) {
    all[8 - tail_count + i] = tail[i];
  }
  IpAddress out;
  out.ipv6 = true;
  for (std::size_t i = 0; i < 4; ++i) {
    out.hi = (out.hi << 16U) | all[i];
    out.lo = (out.lo << 16U) | all[i + 4];
  }
  return out;
}

Cidr v4_block(std::uint32_t network, unsigned prefix) {
  return Cidr{IpAddress{0, network, false}, prefix, false};
}

Cidr v6_block(std::uint64_t hi, std::uint64_t lo, unsigned prefix) {
  return Cidr{IpAddress{hi, lo, true}, prefix, false};
}

Cidr host(const IpAddress& address) {
  return Cidr{address, family_bits(address.ipv6), false};
}

bool outside_all(const IpAddress& address, const std::vector<Cidr>& ranges) {
  for (const auto& range : ranges) {
    if (cidr_contains(range, address)) {
      return false;
    }
  }
  return !is_private(host(address));
}

} // namespace

std::optional<IpAddress> parse_ip_address(std::string_view text) {
  if (text.find(':') != std::string_view::npos) {
    return parse_ipv6(text);
  }
  const auto v4 = parse_ipv4(text);
  if (!v4) {
    return std::nullopt;
  }
  return IpAddress{0, *v4, false};
}

Result<Cidr> parse_cidr(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = parse_ip_address(text.substr(0, slash));
  if (!address) {
    return fail(Error(ErrorCode::invalid_input, fmt::format("'{}' is not an IPv4 or IPv6 address", text)));
  }
  const unsigned bits = family_bits(address->ipv6);
  unsigned prefix = bits;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const auto* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, prefix);
    if (digits.empty() || ec != std::errc{} || ptr != end || (digits.size() > 1 && digits[0] == '0') ||
        prefix > bits) {
      return fail(Error(ErrorCode::invalid_input,
                        fmt::format("'{}' has an invalid prefix length (0-{} expected)", text, bits)));
    }
  }
  const auto [mask_hi, mask_lo] = prefix_mask(address->ipv6, prefix);
  Cidr out;
  out.network = IpAddress{address->hi & mask_hi, address->lo & mask_lo, address->ipv6};
  out.prefix_length = prefix;
  out.host_bits_set = !(out.network == *address);
  return out;
}

std::optional<Cidr> try_parse_cidr(std::string_view text) {
  auto parsed = parse_cidr(text);
  if (!parsed) {
    return std::nullopt;
  }
  return *parsed;
}

bool cidr_contains(const Cidr& range, const IpAddress& address) {
  if (range.network.ipv6 != address.ipv6) {
    return false;
  }
  const auto [mask_hi, mask_lo] = prefix_mask(address.ipv6, range.prefix_length);
  return (address.hi & mask_hi) == range.network.hi && (address.lo & mask_lo) == range.network.lo;
}

bool cidr_contains(const Cidr& outer, const Cidr& inner) {
  return outer.network.ipv6 == inner.network.ipv6 && outer.prefix_length <= inner.prefix_length &&
         cidr_contains(outer, inner.network);
}

bool cidrs_overlap(const Cidr& a, const Cidr& b) { return cidr_contains(a, b) || cidr_contains(b, a); }

bool is_ipv4_mapped(const IpAddress& address) {
  return address.ipv6 && address.hi == 0 && (address.lo >> 32U) == 0xffffULL;
}

bool request_address_in_range(const Cidr& range, const IpAddress& request_address) {
  if (!range.network.ipv6 && is_ipv4_mapped(request_address)) {
    return cidr_contains(range, IpAddress{0, request_address.lo & 0xffffffffULL, false});
  }
  return cidr_contains(range, request_address);
}

bool is_private(const Cidr& range) {
  static const std::array<Cidr, 9> blocks{{
      v4_block(0x0A000000U, 8),                          // 10.0.0.0/8
      v4_block(0xAC100000U, 12),                         // 172.16.0.0/12
      v4_block(0xC0A80000U, 16),                         // 192.168.0.0/16
      v4_block(0x64400000U, 10),                         // 100.64.0.0/10 (carrier-grade NAT)
      v4_block(0x7F000000U, 8),                          // 127.0.0.0/8
      v4_block(0xA9FE0000U, 16),                         // 169.254.0.0/16
      v6_block(0, 1, 128),                               // ::1
      v6_block(0xFC00000000000000ULL, 0, 7),             // fc00::/7 (unique local)
      v6_block(0xFE80000000000000ULL, 0, 10),            // fe80::/10 (link local)
  }};
  for (const auto& block : blocks) {
    if (cidr_contains(block, range)) {
      return true;
    }
  }
  return false;
}

std::string format_ip(const IpAddress& address) {
  if (!address.ipv6) {
    const auto v = address.lo;
    return fmt::format("{}.{}.{}.{}", (v >> 24U) & 0xffU, (v >> 16U) & 0xffU, (v >> 8U) & 0xffU, v & 0xffU);
  }
  if (is_ipv4_mapped(address)) {
    return "::ffff:" + format_ip(IpAddress{0, address.lo & 0xffffffffULL, false});
  }
  std::array<unsigned, 8> groups{};
  for (std::size_t i = 0; i < 4; ++i) {
    groups[i] = static_cast<unsigned>((address.hi >> (48U - 16U * i)) & 0xffffU);
    groups[i + 4] = static_cast<unsigned>((address.lo >> (48U - 16U * i)) & 0xffffU);
  }
  // RFC 5952: compress the first longest run of two or more zero groups.
  std::size_t best_start = 8;
  std::size_t best_len = 0;
  for (std::size_t i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && groups[j] == 0) {
      ++j;
    }
    if (j - i > best_len) {
      best_start = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) {
    best_start = 8;
  }
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') {
      out += ':';
    }
    out += fmt::format("{:x}", groups[i]);
  }
  return out;
}

std::string format_cidr(const Cidr& range) {
  return fmt::format("{}/{}", format_ip(range.network), range.prefix_length);
}

std::optional<std::string> address_outside(const std::vector<Cidr>& ranges, bool ipv6) {
  if (!ipv6) {
    // Documentation ranges first (TEST-NET-2, TEST-NET-3, TEST-NET-1): obviously examples.
    for (const std::uint32_t candidate : {0xC6336417U /* 198.51.100.23 */, 0xCB007117U /* 203.0.113.23 */,
                                          0xC0000217U /* 192.0.2.23 */}) {
      const IpAddress address{0, candidate, false};
      if (outside_all(address, ranges)) {
        return format_ip(address);
      }
    }
    // Then any public unicast /8 (1-223), probing two addresses in each.
    for (std::uint32_t first = 1; first <= 223; ++first) {
      for (const std::uint32_t rest : {0x336417U /* .51.100.23 */, 0xC86417U /* .200.100.23 */}) {
        const IpAddress address{0, (first << 24U) | rest, false};
        if (outside_all(address, ranges)) {
          return format_ip(address);
        }
      }
    }
    return std::nullopt;
  }
  // 2001:db8::/32 is the documentation prefix; then global unicast 2000::/3.
  for (const std::uint64_t hi : {0x20010DB800000000ULL, 0x20010DB8FFFF0000ULL}) {
    const IpAddress address{hi, 0x23, true};
    if (outside_all(address, ranges)) {
      return format_ip(address);
    }
  }
  for (std::uint64_t top = 0x2000; top <= 0x3fff; top += 0x20) {
    for (const std::uint64_t second : {0x0db8ULL, 0x8000ULL}) {
      const IpAddress address{(top << 48U) | (second << 32U), 0x23, true};
      if (outside_all(address, ranges)) {
        return format_ip(address);
      }
    }
  }
  return std::nullopt;
}

} // namespace policylint::eval
