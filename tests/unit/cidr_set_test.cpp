// CIDR sets: equality as address sets, difference shown as the fewest CIDR ranges.
#include <policylint/account/cidr_set.hpp>

#include <doctest/doctest.h>

using policylint::account::CidrSet;

namespace {

CidrSet set_of(std::vector<std::string> ranges) { return CidrSet::parse(ranges); }

} // namespace

TEST_CASE("cidr set: equal address sets compare equal however they are written") {
  CHECK(set_of({"203.0.113.0/24"}) == set_of({"203.0.113.0/25", "203.0.113.128/25"}));
  CHECK(set_of({"203.0.113.7/24"}) == set_of({"203.0.113.0/24"})); // host bits ignored, as AWS does
  CHECK(set_of({"203.0.113.0/24", "203.0.113.0/26"}) == set_of({"203.0.113.0/24"}));
  CHECK(set_of({"198.51.100.10"}) == set_of({"198.51.100.10/32"}));
  CHECK_FALSE(set_of({"203.0.113.0/24"}) == set_of({"203.0.113.0/25"}));
  CHECK(set_of({"not-an-address"}).empty());
}

TEST_CASE("cidr set: difference as CIDR ranges, IPv4") {
  CHECK(set_of({"203.0.113.0/24"}).minus(set_of({"203.0.113.0/25"})).to_string() == "203.0.113.128/25");
  CHECK(set_of({"203.0.113.0/24"}).minus(set_of({"203.0.113.64/26"})).to_string() ==
        "203.0.113.0/26, 203.0.113.128/25");
  CHECK(set_of({"198.51.100.0/24"}).minus(set_of({"198.51.100.1"})).to_string() ==
        "198.51.100.0/32, 198.51.100.2/31, 198.51.100.4/30, 198.51.100.8/29, 198.51.100.16/28, "
        "198.51.100.32/27, 198.51.100.64/26, 198.51.100.128/25");
  CHECK(set_of({"203.0.113.0/25"}).minus(set_of({"203.0.113.0/24"})).empty());
  CHECK(set_of({"203.0.113.0/25"}).minus(set_of({"203.0.113.0/24"})).to_string() == "(none)");
  // Disjoint: nothing removed.
  CHECK(set_of({"192.0.2.0/24"}).minus(set_of({"198.51.100.0/24"})).to_string() == "192.0.2.0/24");
  // Adjacent ranges merge into one block when aligned.
  CHECK(set_of({"192.0.2.0/25", "192.0.2.128/25", "198.51.100.0/24"}).to_string() ==
        "192.0.2.0/24, 198.51.100.0/24");
}

TEST_CASE("cidr set: the whole address space and its edges") {
  CHECK(set_of({"0.0.0.0/0"}).minus(set_of({"128.0.0.0/1"})).to_string() == "0.0.0.0/1");
  CHECK(set_of({"0.0.0.0/0"}).minus(set_of({"0.0.0.0/32"})).to_cidrs().size() == 32);
  CHECK(set_of({"255.255.255.0/24"}).minus(set_of({"255.255.255.255"})).to_string() ==
        "255.255.255.0/25, 255.255.255.128/26, 255.255.255.192/27, 255.255.255.224/28, 255.255.255.240/29, "
        "255.255.255.248/30, 255.255.255.252/31, 255.255.255.254/32");
  CHECK(set_of({"::/0"}).minus(set_of({"::/1"})).to_string() == "8000::/1");
  CHECK(set_of({"::/0"}).to_string() == "::/0");
  CHECK(set_of({"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120"}).minus(set_of({"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}))
            .to_cidrs()
            .size() == 8);
}

TEST_CASE("cidr set: IPv6, and the families never mix") {
  CHECK(set_of({"2001:db8::/32"}).minus(set_of({"2001:db8::/33"})).to_string() == "2001:db8:8000::/33");
  CHECK(set_of({"2001:db8::/32"}) == set_of({"2001:db8::/33", "2001:db8:8000::/33"}));
  // Crossing the 64-bit halves of the value.
  CHECK(set_of({"2001:db8::/64"}).minus(set_of({"2001:db8::/65"})).to_string() == "2001:db8:0:0:8000::/65");
  // An IPv4 range never removes IPv6 addresses, not even IPv4-mapped ones.
  CHECK(set_of({"::ffff:203.0.113.0/120"}).minus(set_of({"203.0.113.0/24"})) == set_of({"::ffff:203.0.113.0/120"}));
  CHECK(set_of({"203.0.113.0/24", "2001:db8::/32"}).minus(set_of({"2001:db8::/32"})).to_string() == "203.0.113.0/24");
  CHECK(set_of({"2001:db8::/32", "203.0.113.0/24"}).to_string() == "203.0.113.0/24, 2001:db8::/32");
}

TEST_CASE("cidr set: membership") {
  const auto set = set_of({"203.0.113.0/25", "2001:db8::/32"});
  CHECK(set.contains(*policylint::eval::parse_ip_address("203.0.113.127")));
  CHECK_FALSE(set.contains(*policylint::eval::parse_ip_address("203.0.113.128")));
  CHECK(set.contains(*policylint::eval::parse_ip_address("2001:db8:ffff::1")));
  CHECK_FALSE(set.contains(*policylint::eval::parse_ip_address("2001:db9::1")));
}
