// Addresses and CIDR ranges (iam-semantics §6.2, §8.1, §11 items 2-3).
#include <doctest/doctest.h>

#include <policylint/eval/cidr.hpp>

#include <string>
#include <vector>

using namespace policylint::eval;

namespace {

Cidr cidr(std::string_view text) {
  auto parsed = parse_cidr(text);
  REQUIRE_MESSAGE(parsed.has_value(), text);
  return *parsed;
}

IpAddress ip(std::string_view text) {
  auto parsed = parse_ip_address(text);
  REQUIRE_MESSAGE(parsed.has_value(), text);
  return *parsed;
}

} // namespace

TEST_CASE("cidr: IPv4 parsing") {
  const auto a = ip("192.0.2.1");
  CHECK_FALSE(a.ipv6);
  CHECK(a.lo == 0xC0000201U);
  CHECK(ip("0.0.0.0").lo == 0);
  CHECK(ip("255.255.255.255").lo == 0xFFFFFFFFU);
  for (const char* bad : {"256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.", "", "a.b.c.d", "1.2.3.4 ", " 1.2.3.4",
                          "01.2.3.4", "1..2.3", "-1.2.3.4", "1.2.3.4/"}) {
    CHECK_MESSAGE(!parse_ip_address(bad).has_value(), bad);
  }
}

TEST_CASE("cidr: IPv6 parsing compares values, not text (§11.2)") {
  CHECK(ip("2001:db8::1") == ip("2001:0DB8:0000:0000:0000:0000:0000:0001"));
  CHECK(ip("2001:DB8::1") == ip("2001:db8:0:0:0:0:0:1"));
  CHECK(ip("::") == IpAddress{0, 0, true});
  CHECK(ip("::1") == IpAddress{0, 1, true});
  CHECK(ip("1::") == IpAddress{0x0001000000000000ULL, 0, true});
  CHECK(ip("::ffff:192.0.2.1") == IpAddress{0, 0x0000FFFFC0000201ULL, true});
  CHECK(ip("1:2:3:4:5:6:7::") == ip("1:2:3:4:5:6:7:0"));
  for (const char* bad : {"2001:db8:::1", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
                          "g::1", "fe80::1%eth0", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", "::1.2.3",
                          "1:2:3:4:5:6:7:1.2.3.4"}) {
    CHECK_MESSAGE(!parse_ip_address(bad).has_value(), bad);
  }
}

TEST_CASE("cidr: bare addresses are single hosts") {
  const auto v4 = cidr("203.0.113.5");
  CHECK(v4.prefix_length == 32);
  CHECK(cidr_contains(v4, ip("203.0.113.5")));
  CHECK_FALSE(cidr_contains(v4, ip("203.0.113.6")));
  const auto v6 = cidr("2001:db8::1");
  CHECK(v6.prefix_length == 128);
  CHECK(cidr_contains(v6, ip("2001:0db8:0000:0000:0000:0000:0000:0001")));
  CHECK_FALSE(cidr_contains(v6, ip("2001:db8::2")));
}

TEST_CASE("cidr: containment at prefix boundaries") {
  const auto net = cidr("192.0.2.0/24");
  CHECK(cidr_contains(net, ip("192.0.2.0")));
  CHECK(cidr_contains(net, ip("192.0.2.255")));
  CHECK_FALSE(cidr_contains(net, ip("192.0.3.0")));
  CHECK_FALSE(cidr_contains(net, ip("192.0.1.255")));
  CHECK(cidr_contains(cidr("0.0.0.0/0"), ip("8.8.8.8")));
  CHECK(cidr_contains(cidr("10.0.0.0/9"), ip("10.127.255.255")));
  CHECK_FALSE(cidr_contains(cidr("10.0.0.0/9"), ip("10.128.0.0")));
  CHECK(cidr_contains(cidr("2001:db8::/32"), ip("2001:db8:ffff::1")));
  CHECK_FALSE(cidr_contains(cidr("2001:db8::/32"), ip("2001:db9::1")));
  CHECK(cidr_contains(cidr("2001:db8:0:0:8000::/65"), ip("2001:db8::8000:0:0:1")));
  CHECK_FALSE(cidr_contains(cidr("2001:db8:0:0:8000::/65"), ip("2001:db8::7fff:0:0:1")));
  CHECK(cidr_contains(cidr("::/0"), ip("2600::1")));
}

TEST_CASE("cidr: families never mix in cidr_contains") {
  CHECK_FALSE(cidr_contains(cidr("0.0.0.0/0"), ip("2001:db8::1")));
  CHECK_FALSE(cidr_contains(cidr("::/0"), ip("192.0.2.1")));
}

TEST_CASE("cidr: host bits are ignored but remembered") {
  const auto loose = cidr("10.1.2.3/8");
  CHECK(loose.host_bits_set);
  CHECK(loose == Cidr{cidr("10.0.0.0/8").network, 8, true});
  CHECK(cidr_contains(loose, ip("10.200.0.1")));
  CHECK_FALSE(cidr("10.0.0.0/8").host_bits_set);
  CHECK(cidr("2001:db8::1/32").host_bits_set);
  CHECK(format_cidr(cidr("2001:db8::1/32")) == "2001:db8::/32");
}

TEST_CASE("cidr: invalid ranges are errors") {
  for (const char* bad : {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8",
                          "10.0.0.0/08", "10.0.0.0/ 8", "example.com", "10.0.0.0/8x"}) {
    const auto parsed = parse_cidr(bad);
    CHECK_MESSAGE(!parsed.has_value(), bad);
    if (!parsed) {
      CHECK(parsed.error().code == policylint::ErrorCode::invalid_input);
      CHECK_FALSE(parsed.error().message.empty());
    }
  }
  CHECK(try_parse_cidr("10.0.0.0/0").has_value());
  CHECK_FALSE(try_parse_cidr("nope").has_value());
}

TEST_CASE("cidr: range containment and overlap") {
  CHECK(cidr_contains(cidr("10.0.0.0/8"), cidr("10.1.0.0/16")));
  CHECK_FALSE(cidr_contains(cidr("10.1.0.0/16"), cidr("10.0.0.0/8")));
  CHECK(cidrs_overlap(cidr("10.1.0.0/16"), cidr("10.0.0.0/8")));
  CHECK_FALSE(cidrs_overlap(cidr("10.0.0.0/8"), cidr("11.0.0.0/8")));
  CHECK_FALSE(cidrs_overlap(cidr("0.0.0.0/0"), cidr("::/0")));
}

TEST_CASE("cidr: IPv4-mapped IPv6 request addresses (documented choice, §11.3)") {
  const auto mapped = ip("::ffff:10.0.0.1");
  CHECK(is_ipv4_mapped(mapped));
  CHECK_FALSE(is_ipv4_mapped(ip("::10.0.0.1")));
  CHECK_FALSE(is_ipv4_mapped(ip("10.0.0.1")));
  // Chosen: matched against IPv4 ranges as its embedded IPv4 address…
  CHECK(request_address_in_range(cidr("10.0.0.0/8"), mapped));
  CHECK_FALSE(request_address_in_range(cidr("192.0.2.0/24"), mapped));
  // …and against IPv6 ranges by its full value.
  CHECK(request_address_in_range(cidr("::ffff:0:0/96"), mapped));
  CHECK_FALSE(request_address_in_range(cidr("2001:db8::/32"), mapped));
  // The family-exact primitive still keeps them apart.
  CHECK_FALSE(cidr_contains(cidr("10.0.0.0/8"), mapped));
  // Plain addresses are unaffected.
  CHECK(request_address_in_range(cidr("10.0.0.0/8"), ip("10.9.9.9")));
  CHECK_FALSE(request_address_in_range(cidr("::ffff:0:0/96"), ip("10.9.9.9")));
}

TEST_CASE("cidr: private ranges per §8.1") {
  for (const char* text : {"10.0.0.0/8", "10.20.0.0/16", "172.16.0.0/12", "172.31.255.0/24", "192.168.1.0/24",
                           "100.64.0.0/10", "127.0.0.1", "169.254.169.254", "fc00::/7", "fd12:3456::/32",
                           "fe80::/10", "::1"}) {
    CHECK_MESSAGE(is_private(cidr(text)), text);
  }
  for (const char* text : {"192.0.2.0/24", "198.51.100.23", "203.0.113.0/24", "8.8.8.8", "172.32.0.0/16",
                           "100.128.0.0/16", "0.0.0.0/0", "10.0.0.0/7", "2001:db8::/32", "::/0"}) {
    CHECK_MESSAGE(!is_private(cidr(text)), text);
  }
}

TEST_CASE("cidr: formatting") {
  CHECK(format_ip(ip("192.0.2.1")) == "192.0.2.1");
  CHECK(format_ip(ip("2001:0DB8:0000:0000:0000:0000:0000:0001")) == "2001:db8::1");
  CHECK(format_ip(ip("2001:db8:0:1:0:0:0:1")) == "2001:db8:0:1::1");
  CHECK(format_ip(ip("2001:db8:0:0:1:0:0:1")) == "2001:db8::1:0:0:1");
  CHECK(format_ip(ip("2001:db8:1:2:3:4:0:5")) == "2001:db8:1:2:3:4:0:5");
  CHECK(format_ip(ip("::")) == "::");
  CHECK(format_ip(ip("::1")) == "::1");
  CHECK(format_ip(ip("fe80::")) == "fe80::");
  CHECK(format_ip(ip("::ffff:10.0.0.1")) == "::ffff:10.0.0.1");
  CHECK(format_cidr(cidr("192.0.2.7/24")) == "192.0.2.0/24");
}

TEST_CASE("cidr: address_outside prefers documentation addresses") {
  CHECK(address_outside({}, false) == "198.51.100.23");
  CHECK(address_outside({cidr("192.0.2.0/24")}, false) == "198.51.100.23");
  CHECK(address_outside({cidr("198.51.100.0/24")}, false) == "203.0.113.23");
  CHECK(address_outside({cidr("198.51.100.0/24"), cidr("203.0.113.0/24")}, false) == "192.0.2.23");
  CHECK(address_outside({}, true) == "2001:db8::23");
  CHECK(address_outside({cidr("2001:db8::/48")}, true) == "2001:db8:ffff::23");
  // IPv4 ranges never cover an IPv6 candidate.
  CHECK(address_outside({cidr("0.0.0.0/0")}, true) == "2001:db8::23");
}

TEST_CASE("cidr: address_outside falls back to other public addresses, never private ones") {
  const std::vector<Cidr> wide{cidr("192.0.0.0/2"), cidr("0.0.0.0/2"), cidr("64.0.0.0/3")};
  const auto outside = address_outside(wide, false);
  REQUIRE(outside.has_value());
  const auto address = ip(*outside);
  for (const auto& range : wide) {
    CHECK_FALSE(cidr_contains(range, address));
  }
  CHECK_FALSE(is_private(Cidr{address, 32, false}));

  const std::vector<Cidr> doc6{cidr("2001:db8::/32")};
  const auto outside6 = address_outside(doc6, true);
  REQUIRE(outside6.has_value());
  CHECK_FALSE(cidr_contains(doc6[0], ip(*outside6)));
  CHECK(cidr_contains(cidr("2000::/3"), ip(*outside6)));
}

TEST_CASE("cidr: address_outside gives up when everything is covered") {
  CHECK_FALSE(address_outside({cidr("0.0.0.0/0")}, false).has_value());
  CHECK_FALSE(address_outside({cidr("0.0.0.0/1"), cidr("128.0.0.0/1")}, false).has_value());
  CHECK_FALSE(address_outside({cidr("::/0")}, true).has_value());
}
