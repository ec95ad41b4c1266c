// Source addresses for "from outside these ranges": every address is outside the trusted
// ranges, and every membership pattern over the policy's ranges that a public address outside
// the trusted ranges can have is represented — checked against a brute-force sweep.
#include <policylint/custom/message.hpp>
#include <policylint/custom/source_addresses.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace policylint;

std::vector<eval::Cidr> cidrs(std::initializer_list<const char*> texts) {
  std::vector<eval::Cidr> out;
  for (const char* t : texts) {
    out.push_back(*eval::try_parse_cidr(t));
  }
  return out;
}

std::vector<bool> pattern_of(const eval::IpAddress& a, const std::vector<eval::Cidr>& ranges) {
  std::vector<bool> p;
  for (const auto& r : ranges) {
    p.push_back(eval::request_address_in_range(r, a));
  }
  return p;
}

bool in_any(const eval::IpAddress& a, const std::vector<eval::Cidr>& ranges) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const eval::Cidr& r) { return eval::request_address_in_range(r, a); });
}

// The brute-force space: a coarse sweep of 192.0.0.0/4, and around every block a sweep from
// one block-size below it to one above it in 64 steps (each sub-block has its own sweep).
std::vector<eval::IpAddress> sweep(const std::vector<eval::Cidr>& blocks) {
  std::vector<eval::IpAddress> out;
  for (std::uint64_t v = 0xC0000000ULL; v < 0xD0000000ULL; v += 1ULL << 20) {
    out.push_back(eval::IpAddress{0, v, false});
  }
  for (const auto& b : blocks) {
    const std::uint64_t size = 1ULL << (32 - b.prefix_length);
    const std::uint64_t step = std::max<std::uint64_t>(1, size / 64);
    const std::uint64_t from = b.network.lo >= size ? b.network.lo - size : 0;
    for (std::uint64_t v = from; v < b.network.lo + 2 * size && v <= 0xFFFFFFFFULL; v += step) {
      out.push_back(eval::IpAddress{0, v, false});
    }
  }
  return out;
}

void check_exact(const std::vector<eval::Cidr>& trusted, const std::vector<eval::Cidr>& mentioned) {
  const auto found = custom::addresses_outside(trusted, mentioned);
  std::set<std::vector<bool>> got;
  for (const auto& text : found) {
    const auto a = eval::parse_ip_address(text);
    REQUIRE(a.has_value());
    CHECK_FALSE(in_any(*a, trusted));
    CHECK(got.insert(pattern_of(*a, mentioned)).second); // one address per pattern
  }
  std::vector<eval::Cidr> blocks = trusted;
  blocks.insert(blocks.end(), mentioned.begin(), mentioned.end());
  std::set<std::vector<bool>> reachable;
  for (const auto& a : sweep(blocks)) {
    if (!in_any(a, trusted) && !eval::is_private(eval::Cidr{a, 32, false})) {
      reachable.insert(pattern_of(a, mentioned));
    }
  }
  CHECK_FALSE(reachable.empty());
  for (const auto& p : reachable) {
    CHECK(got.contains(p));
  }
}

} // namespace

TEST_SUITE("custom checks: addresses") {

TEST_CASE("documentation address first, outside the trusted range") {
  const auto found = custom::addresses_outside(cidrs({"203.0.113.0/24"}), {});
  REQUIRE_FALSE(found.empty());
  CHECK(found.front() == "198.51.100.23");
}

TEST_CASE("every region the policy's ranges create is represented") {
  check_exact(cidrs({"203.0.113.0/24"}), cidrs({"203.0.113.0/24"}));
  check_exact(cidrs({"203.0.113.0/24"}), cidrs({"203.0.112.0/22", "198.51.100.0/24"}));
  check_exact(cidrs({"203.0.113.0/24", "198.51.100.0/24"}), cidrs({"192.0.0.0/4", "203.0.113.128/25", "200.0.0.0/8"}));
  check_exact(cidrs({"200.0.0.0/7"}), cidrs({"200.0.0.0/8", "201.1.0.0/16", "192.0.0.0/4"}));
  // A gap in the middle of a block, whose first and last addresses lie in sub-blocks: only
  // the addresses beside the sub-blocks reach it.
  check_exact(cidrs({"203.0.113.0/24"}), cidrs({"198.0.0.0/8", "198.0.0.0/10", "198.192.0.0/10"}));
}

TEST_CASE("IPv6 is part of the space, nothing is left when both families are trusted") {
  const auto only_v6 = custom::addresses_outside(cidrs({"0.0.0.0/0"}), {});
  REQUIRE_FALSE(only_v6.empty());
  CHECK(only_v6.front().find(':') != std::string::npos);
  CHECK(custom::addresses_outside(cidrs({"0.0.0.0/0", "::/0"}), {}).empty());
}

TEST_CASE("message templates") {
  custom::MessageFields f;
  f.statement = "Admin";
  f.action = "iam:PassRole";
  f.resource = "*";
  f.principal = "an anonymous caller";
  f.when = "without MFA";
  CHECK(custom::render_message("{statement}: {action} on {resource} by {principal} {when} {{x}}", f) ==
        "Admin: iam:PassRole on * by an anonymous caller without MFA {x}");
  CHECK(custom::render_message("", f) == "statement Admin allows iam:PassRole on * to an anonymous caller without MFA");
  f.when.clear();
  CHECK(custom::render_message("", f) == "statement Admin allows iam:PassRole on * to an anonymous caller");
  CHECK_FALSE(custom::template_problem("plain {statement} {{ }}").has_value());
  CHECK(custom::template_problem("{nope}").value().find("unknown placeholder {nope}") != std::string::npos);
  CHECK(custom::template_problem("a } b").value().find("lone \"}\"") != std::string::npos);
  CHECK(custom::template_problem("a { b").value().find("not closed") != std::string::npos);
}

} // TEST_SUITE

#include <policylint/custom/glob_witness.hpp>
#include <policylint/eval/glob.hpp>

TEST_SUITE("custom checks: addresses") {

TEST_CASE("common instance of two wildcard patterns") {
  using policylint::custom::common_instance;
  const auto both = [](const char* a, const char* b) {
    const auto w = common_instance(a, b);
    if (w) {
      CHECK(policylint::eval::glob_match(a, *w));
      CHECK(policylint::eval::glob_match(b, *w));
    }
    return w;
  };
  CHECK(both("arn:aws:s3:::*-data", "arn:aws:s3:::prod-*").value() == "arn:aws:s3:::prod-data");
  CHECK(both("a*b*c", "*bx?").value() == "abxc");
  CHECK(both("abc", "abc").value() == "abc");
  CHECK(both("a?c", "*").value() == "axc");
  CHECK_FALSE(both("prod-*", "dev-*").has_value());
  CHECK_FALSE(both("a?", "a").has_value());
  CHECK(both("*", "*").value().empty());
}

} // TEST_SUITE
