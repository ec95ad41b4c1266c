// PL104 and PL105: aws:SourceIp ranges that are private or reserved, all of them (PL104) or
// some beside public ones (PL105); each value reported once, by one of the two rules.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string source_ip_policy(const std::string& effect, const std::string& op, const std::string& values,
                   const std::string& key = "aws:SourceIp") {
  return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Office\", \"Effect\": \"" + effect +
         "\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {\"" + op + "\": {\"" + key + "\": " + values +
         "}}}]}";
}

} // namespace

TEST_CASE("PL104 source-ip-only-private-ranges: the seed's office deny on a private range") {
  const std::string text = source_ip_policy("Deny", "NotIpAddress", R"(["192.168.1.0/24"])");
  const auto ds = testing::lint_only(text, "PL104");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"192.168.1.0/24\""));
  CHECK(ds[0].statement == "Office");
  CHECK(testing::contains(ds[0].message, "denies every request"));
  CHECK(testing::contains(ds[0].message, "aws:VpcSourceIp"));
  CHECK(testing::lint_only(text, "PL105").empty());
}

TEST_CASE("PL104 every private range of an all-private list, IPv4 and IPv6, IfExists forms") {
  SUBCASE("IpAddress allow-list of private ranges allows nothing") {
    const std::string text = source_ip_policy("Allow", "IpAddress", R"(["10.0.0.0/8", "172.16.5.0/24", "fd00:ec2::/32"])");
    const auto ds = testing::lint_only(text, "PL104");
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].location.start == testing::position_of(text, "\"10.0.0.0/8\""));
    CHECK(ds[1].location.start == testing::position_of(text, "\"172.16.5.0/24\""));
    CHECK(ds[2].location.start == testing::position_of(text, "\"fd00:ec2::/32\""));
    CHECK(testing::contains(ds[0].message, "allows nothing"));
  }
  SUBCASE("IpAddressIfExists: only requests without aws:SourceIp pass") {
    const std::string text = source_ip_policy("Allow", "IpAddressIfExists", R"("100.64.1.1")");
    const auto ds = testing::lint_only(text, "PL104");
    REQUIRE(ds.size() == 1);
    CHECK(testing::contains(ds[0].message, "matches only requests without aws:SourceIp"));
  }
  SUBCASE("NotIpAddressIfExists deny on loopback and link-local") {
    const std::string text = source_ip_policy("Deny", "NotIpAddressIfExists", R"(["127.0.0.1/32", "fe80::/64", "::1", "169.254.169.254"])");
    CHECK(testing::lint_only(text, "PL104").size() == 4);
  }
  SUBCASE("the key is case-insensitive") {
    CHECK(testing::lint_only(source_ip_policy("Deny", "NotIpAddress", R"("10.1.0.0/16")", "AWS:SOURCEIP"), "PL104").size() == 1);
  }
}

TEST_CASE("PL104 negatives: public ranges that look private, other keys, unknown values") {
  // 172.32/16 is past 172.16/12; 10.0.0.0/7 reaches 11/8; 192.169/16 and 100.128/10 are public.
  for (const char* values : {R"(["172.32.0.0/16"])", R"(["10.0.0.0/7"])", R"(["192.169.0.0/16"])",
                             R"(["100.128.0.0/10"])", R"(["0.0.0.0/0"])", R"(["2001:db8::/32"])", R"(["fe00::/9"])"}) {
    CAPTURE(values);
    CHECK(testing::lint_only(source_ip_policy("Deny", "NotIpAddress", values), "PL104").empty());
    CHECK(testing::lint_only(source_ip_policy("Deny", "NotIpAddress", values), "PL105").empty());
  }
  // aws:VpcSourceIp is meant to hold private addresses.
  CHECK(testing::lint_only(source_ip_policy("Allow", "IpAddress", R"("10.0.0.0/8")", "aws:VpcSourceIp"), "PL104").empty());
  // A policy variable or a value that is not an address: the set is not known.
  CHECK(testing::lint_only(source_ip_policy("Allow", "IpAddress", R"(["10.0.0.0/8", "${aws:username}"])"), "PL104").empty());
  CHECK(testing::lint_only(source_ip_policy("Allow", "IpAddress", R"(["10.0.0.0/8", "office"])"), "PL104").empty());
}

TEST_CASE("PL105 source-ip-mixes-private-ranges: only the private values of a mixed list") {
  const std::string text = source_ip_policy("Allow", "IpAddress", R"(["203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32", "fc00::/7"])");
  const auto ds = testing::lint_only(text, "PL105");
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == testing::position_of(text, "\"10.0.0.0/8\""));
  CHECK(ds[1].location.start == testing::position_of(text, "\"fc00::/7\""));
  CHECK(ds[0].rule->severity == engine::Severity::low);
  CHECK(testing::contains(ds[0].message, "aws:VpcSourceIp"));
  CHECK(testing::lint_only(text, "PL104").empty());
  // NotIpAddressIfExists in a Deny: the same dead value.
  const std::string deny = source_ip_policy("Deny", "NotIpAddressIfExists", R"(["198.51.100.7/32", "192.168.0.0/16"])");
  const auto dd = testing::lint_only(deny, "PL105");
  REQUIRE(dd.size() == 1);
  CHECK(dd[0].location.start == testing::position_of(deny, "\"192.168.0.0/16\""));
  // A public list alone is fine.
  CHECK(testing::lint_only(source_ip_policy("Allow", "IpAddress", R"(["203.0.113.0/24", "198.51.100.0/24"])"), "PL105").empty());
}
