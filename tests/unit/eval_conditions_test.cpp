// Condition operators (iam-semantics §6, §9.2, §11 items 1, 2, 5-11).
#include <doctest/doctest.h>

#include <policylint/eval/conditions.hpp>
#include <policylint/eval/keys.hpp>
#include <policylint/policy/model.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace policylint;
using eval::condition_matches;
using eval::Request;

namespace {

policy::Condition cond(std::string_view op, std::string key, std::vector<std::string> values) {
  policy::Condition c;
  c.operator_text.value = std::string(op);
  c.op = policy::parse_operator(op);
  REQUIRE_MESSAGE(c.op.has_value(), op);
  c.key.value = std::move(key);
  for (auto& v : values) {
    c.values.push_back(policy::ConditionValue{std::move(v), {}, policy::ValueType::string});
  }
  return c;
}

Request req(std::vector<std::pair<std::string, std::vector<std::string>>> context = {}) {
  Request r;
  r.action = "s3:GetObject";
  r.resource = "arn:aws:s3:::bucket/key";
  for (auto& [key, values] : context) {
    r.set_context(key, values);
  }
  return r;
}

// Evaluates with variables enabled (Version 2012-10-17).
bool holds(const policy::Condition& c, const Request& r) { return condition_matches(c, r, true); }

} // namespace

TEST_CASE("operators: parse the documented spellings") {
  const auto plain = policy::parse_operator("StringEquals");
  REQUIRE(plain.has_value());
  CHECK(plain->op == policy::Op::string_equals);
  CHECK(plain->qualifier == policy::SetQualifier::none);
  CHECK_FALSE(plain->if_exists);

  const auto full = policy::parse_operator("ForAnyValue:StringLikeIfExists");
  REQUIRE(full.has_value());
  CHECK(full->op == policy::Op::string_like);
  CHECK(full->qualifier == policy::SetQualifier::for_any_value);
  CHECK(full->if_exists);

  const auto all = policy::parse_operator("ForAllValues:StringNotEqualsIgnoreCase");
  REQUIRE(all.has_value());
  CHECK(all->op == policy::Op::string_not_equals_ignore_case);
  CHECK(all->qualifier == policy::SetQualifier::for_all_values);

  CHECK(policy::parse_operator("Bool")->op == policy::Op::boolean);
  CHECK(policy::parse_operator("BoolIfExists")->if_exists);
  CHECK(policy::parse_operator("Null")->op == policy::Op::null);
  CHECK(policy::parse_operator("NotIpAddressIfExists")->op == policy::Op::not_ip_address);
  CHECK(policy::parse_operator("ArnNotLike")->op == policy::Op::arn_not_like);
  CHECK(policy::parse_operator("DateGreaterThanEquals")->op == policy::Op::date_greater_than_equals);
}

TEST_CASE("operators: anything else is not an operator") {
  for (const char* bad : {"NullIfExists", "stringequals", "STRINGEQUALS", "StringEquals ", "Boolean", "IfExists",
                          "ForAnyValue:", "ForAnyValue:Foo", "foranyvalue:StringEquals", "ForAnyValues:StringEquals",
                          "ForAllValue:StringEquals", "StringEqualsIfexists", "ForAnyValue:ForAllValues:StringEquals",
                          "", "IpAddressIfExistsIfExists", "StringLikeIgnoreCase"}) {
    CHECK_MESSAGE(!policy::parse_operator(bad).has_value(), bad);
  }
}

TEST_CASE("operators: names round-trip, families and negation") {
  for (const char* name : {"StringEquals", "ForAnyValue:StringLikeIfExists", "ForAllValues:ArnNotEquals",
                           "BoolIfExists", "Null", "NumericLessThanEqualsIfExists", "BinaryEquals", "NotIpAddress"}) {
    CHECK(policy::operator_name(*policy::parse_operator(name)) == name);
  }
  CHECK(policy::family_of(policy::Op::string_not_like) == policy::OpFamily::string);
  CHECK(policy::family_of(policy::Op::numeric_greater_than) == policy::OpFamily::numeric);
  CHECK(policy::family_of(policy::Op::date_equals) == policy::OpFamily::date);
  CHECK(policy::family_of(policy::Op::boolean) == policy::OpFamily::boolean);
  CHECK(policy::family_of(policy::Op::binary_equals) == policy::OpFamily::binary);
  CHECK(policy::family_of(policy::Op::not_ip_address) == policy::OpFamily::ip_address);
  CHECK(policy::family_of(policy::Op::arn_like) == policy::OpFamily::arn);
  CHECK(policy::family_of(policy::Op::null) == policy::OpFamily::null);
  for (auto op : {policy::Op::string_not_equals, policy::Op::string_not_equals_ignore_case,
                  policy::Op::string_not_like, policy::Op::numeric_not_equals, policy::Op::date_not_equals,
                  policy::Op::not_ip_address, policy::Op::arn_not_equals, policy::Op::arn_not_like}) {
    CHECK(policy::is_negated(op));
  }
  for (auto op : {policy::Op::string_equals, policy::Op::string_like, policy::Op::numeric_less_than,
                  policy::Op::boolean, policy::Op::ip_address, policy::Op::arn_like, policy::Op::null,
                  policy::Op::binary_equals, policy::Op::date_less_than}) {
    CHECK_FALSE(policy::is_negated(op));
  }
}

TEST_CASE("statement labels") {
  policy::Statement s;
  s.index = 2;
  CHECK(s.label() == "#3");
  s.sid = policy::Text{"DenyOutsideCorp", {}};
  CHECK(s.label() == "DenyOutsideCorp");
}

TEST_CASE("§6.3 absent key: positive false, negated true, IfExists true") {
  const Request empty = req();
  CHECK_FALSE(holds(cond("StringEquals", "aws:PrincipalTag/team", {"dev"}), empty));
  CHECK_FALSE(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.0/24"}), empty));
  CHECK_FALSE(holds(cond("Bool", "aws:MultiFactorAuthPresent", {"true"}), empty));
  CHECK_FALSE(holds(cond("ArnLike", "aws:SourceArn", {"arn:aws:s3:::*"}), empty));
  CHECK_FALSE(holds(cond("NumericLessThan", "aws:MultiFactorAuthAge", {"3600"}), empty));
  CHECK_FALSE(holds(cond("DateLessThan", "aws:CurrentTime", {"2030-01-01"}), empty));
  CHECK_FALSE(holds(cond("BinaryEquals", "k:bin", {"QmluYXJ5"}), empty));

  CHECK(holds(cond("StringNotEquals", "aws:PrincipalTag/team", {"dev"}), empty));
  CHECK(holds(cond("NotIpAddress", "aws:SourceIp", {"192.0.2.0/24"}), empty));
  CHECK(holds(cond("ArnNotLike", "aws:SourceArn", {"arn:aws:s3:::*"}), empty));
  CHECK(holds(cond("StringNotLike", "s3:prefix", {"home/*"}), empty));
  CHECK(holds(cond("NumericNotEquals", "s3:max-keys", {"10"}), empty));
  CHECK(holds(cond("DateNotEquals", "aws:CurrentTime", {"2030-01-01"}), empty));
  CHECK(holds(cond("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", {"dev"}), empty));
  CHECK(holds(cond("ArnNotEquals", "aws:SourceArn", {"arn:aws:s3:::b"}), empty));

  CHECK(holds(cond("StringEqualsIfExists", "aws:PrincipalTag/team", {"dev"}), empty));
  CHECK(holds(cond("StringNotEqualsIfExists", "aws:PrincipalTag/team", {"dev"}), empty));
  CHECK(holds(cond("IpAddressIfExists", "aws:SourceIp", {"192.0.2.0/24"}), empty));
  CHECK(holds(cond("BoolIfExists", "aws:MultiFactorAuthPresent", {"true"}), empty));
}

TEST_CASE("§6.3 key present: IfExists compares as without IfExists") {
  const Request r = req({{"aws:SourceIp", {"203.0.113.9"}}});
  CHECK_FALSE(holds(cond("IpAddressIfExists", "aws:SourceIp", {"192.0.2.0/24"}), r));
  CHECK(holds(cond("IpAddressIfExists", "aws:SourceIp", {"203.0.113.0/24"}), r));
  CHECK(holds(cond("NotIpAddressIfExists", "aws:SourceIp", {"192.0.2.0/24"}), r));
  CHECK_FALSE(holds(cond("NotIpAddressIfExists", "aws:SourceIp", {"203.0.113.0/24"}), r));
}

TEST_CASE("§6.3 Null") {
  const Request absent = req();
  const Request present = req({{"aws:TokenIssueTime", {"2024-01-01T00:00:00Z"}}});
  CHECK(holds(cond("Null", "aws:TokenIssueTime", {"true"}), absent));
  CHECK_FALSE(holds(cond("Null", "aws:TokenIssueTime", {"true"}), present));
  CHECK_FALSE(holds(cond("Null", "aws:TokenIssueTime", {"false"}), absent));
  CHECK(holds(cond("Null", "aws:TokenIssueTime", {"false"}), present));
  CHECK(holds(cond("Null", "aws:TokenIssueTime", {"TRUE"}), absent)); // any case, like Bool
  CHECK_FALSE(holds(cond("Null", "aws:TokenIssueTime", {"yes"}), absent));
  // Null applies to multi-valued keys without a qualifier (presence only).
  CHECK(holds(cond("Null", "aws:TagKeys", {"false"}), req({{"aws:TagKeys", {"a"}}})));
  CHECK(holds(cond("Null", "aws:TagKeys", {"true"}), absent));
}

TEST_CASE("§6.3 and §11.6 ForAllValues: absent or empty is true") {
  const auto c = cond("ForAllValues:StringEquals", "aws:TagKeys", {"environment", "cost-center"});
  CHECK(holds(c, req()));
  CHECK(holds(c, req({{"aws:TagKeys", {}}})));
  CHECK(holds(c, req({{"aws:TagKeys", {"environment"}}})));
  CHECK(holds(c, req({{"aws:TagKeys", {"environment", "cost-center"}}})));
  CHECK_FALSE(holds(c, req({{"aws:TagKeys", {"environment", "owner"}}})));
}

TEST_CASE("§6.3 and §11.6 ForAnyValue: absent or empty is false") {
  const auto c = cond("ForAnyValue:StringEquals", "aws:TagKeys", {"environment", "cost-center"});
  CHECK_FALSE(holds(c, req()));
  CHECK_FALSE(holds(c, req({{"aws:TagKeys", {}}})));
  CHECK(holds(c, req({{"aws:TagKeys", {"owner", "cost-center"}}})));
  CHECK_FALSE(holds(c, req({{"aws:TagKeys", {"owner", "project"}}})));
}

TEST_CASE("set qualifiers with IfExists: absent key is true") {
  CHECK(holds(cond("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", {"a"}), req()));
  CHECK(holds(cond("ForAllValues:StringEqualsIfExists", "aws:TagKeys", {"a"}), req()));
  CHECK_FALSE(holds(cond("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", {"a"}), req({{"aws:TagKeys", {"b"}}})));
}

TEST_CASE("§6.4 negated operators under set qualifiers") {
  const auto all_not = cond("ForAllValues:StringNotEquals", "aws:TagKeys", {"secret", "admin"});
  // None of the request values is in the list.
  CHECK(holds(all_not, req({{"aws:TagKeys", {"env", "owner"}}})));
  CHECK_FALSE(holds(all_not, req({{"aws:TagKeys", {"env", "admin"}}})));
  CHECK(holds(all_not, req()));
  const auto any_not = cond("ForAnyValue:StringNotEquals", "aws:TagKeys", {"secret", "admin"});
  // At least one request value is not in the list.
  CHECK(holds(any_not, req({{"aws:TagKeys", {"admin", "owner"}}})));
  CHECK_FALSE(holds(any_not, req({{"aws:TagKeys", {"admin", "secret"}}})));
  CHECK_FALSE(holds(any_not, req()));
}

TEST_CASE("§6.4 empty policy value list") {
  policy::Condition all = cond("ForAllValues:StringEquals", "aws:TagKeys", {});
  CHECK(holds(all, req()));
  CHECK_FALSE(holds(all, req({{"aws:TagKeys", {"a"}}})));
  policy::Condition any = cond("ForAnyValue:StringEquals", "aws:TagKeys", {});
  CHECK_FALSE(holds(any, req()));
  CHECK_FALSE(holds(any, req({{"aws:TagKeys", {"a"}}})));
}

TEST_CASE("§11.8 unqualified operator on a multi-valued key never matches") {
  CHECK(eval::is_multivalued_key("aws:TagKeys"));
  CHECK(eval::is_multivalued_key("AWS:tagkeys"));
  CHECK(eval::is_multivalued_key("aws:CalledVia"));
  CHECK(eval::is_multivalued_key("aws:PrincipalOrgPaths"));
  CHECK(eval::is_multivalued_key("aws:PrincipalServiceNamesList"));
  CHECK(eval::is_multivalued_key("aws:ResourceOrgPaths"));
  CHECK(eval::is_multivalued_key("aws:SourceOrgPaths"));
  CHECK(eval::is_multivalued_key("aws:VpceOrgPaths"));
  CHECK_FALSE(eval::is_multivalued_key("aws:SourceIp"));
  CHECK_FALSE(eval::is_multivalued_key("aws:CalledViaFirst"));

  const Request r = req({{"aws:CalledVia", {"cloudformation.amazonaws.com"}}});
  CHECK_FALSE(holds(cond("StringEquals", "aws:CalledVia", {"cloudformation.amazonaws.com"}), r));
  CHECK_FALSE(holds(cond("StringNotEquals", "aws:CalledVia", {"athena.amazonaws.com"}), r));
  CHECK_FALSE(holds(cond("StringNotEquals", "aws:CalledVia", {"athena.amazonaws.com"}), req()));
  CHECK_FALSE(holds(cond("StringEqualsIfExists", "aws:CalledVia", {"x"}), req()));
  CHECK(holds(cond("ForAnyValue:StringEquals", "aws:CalledVia", {"cloudformation.amazonaws.com"}), r));
  // A single-valued key given several values in the request is treated the same way.
  CHECK_FALSE(holds(cond("StringEquals", "aws:username", {"alice"}), req({{"aws:username", {"alice", "bob"}}})));
}

TEST_CASE("§6.1 several values: OR for positive, NOR for negated") {
  const Request r = req({{"aws:RequestedRegion", {"eu-west-1"}}});
  CHECK(holds(cond("StringEquals", "aws:RequestedRegion", {"us-east-1", "eu-west-1"}), r));
  CHECK_FALSE(holds(cond("StringEquals", "aws:RequestedRegion", {"us-east-1", "us-west-2"}), r));
  CHECK_FALSE(holds(cond("StringNotEquals", "aws:RequestedRegion", {"us-east-1", "eu-west-1"}), r));
  CHECK(holds(cond("StringNotEquals", "aws:RequestedRegion", {"us-east-1", "us-west-2"}), r));
}

TEST_CASE("§11.10 keys are case-insensitive, values case-sensitive") {
  const Request r = req({{"aws:PrincipalTag/Team", {"Dev"}}});
  CHECK(holds(cond("StringEquals", "AWS:principaltag/TEAM", {"Dev"}), r));
  CHECK_FALSE(holds(cond("StringEquals", "aws:PrincipalTag/Team", {"dev"}), r));
  CHECK(holds(cond("StringEqualsIgnoreCase", "aws:PrincipalTag/Team", {"dEV"}), r));
  CHECK_FALSE(holds(cond("StringNotEqualsIgnoreCase", "aws:PrincipalTag/Team", {"DEV"}), r));
  CHECK(holds(cond("StringNotEqualsIgnoreCase", "aws:PrincipalTag/Team", {"ops"}), r));
}

TEST_CASE("String: Like wildcards span ':' and '/', Equals treats them literally") {
  const Request r = req({{"s3:prefix", {"home/alice/docs"}}});
  CHECK(holds(cond("StringLike", "s3:prefix", {"home/*"}), r));
  CHECK(holds(cond("StringLike", "s3:prefix", {"home/?lice/*"}), r));
  CHECK_FALSE(holds(cond("StringLike", "s3:prefix", {"Home/*"}), r));
  CHECK_FALSE(holds(cond("StringEquals", "s3:prefix", {"home/*"}), r));
  CHECK(holds(cond("StringEquals", "s3:prefix", {"home/*"}), req({{"s3:prefix", {"home/*"}}})));
  CHECK_FALSE(holds(cond("StringNotLike", "s3:prefix", {"home/*"}), r));
  CHECK(holds(cond("StringNotLike", "s3:prefix", {"public/*"}), r));
  // StringLike lets `*` cross colons: the §6.2 example.
  const Request arn = req({{"aws:SourceArn", {"arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/x"}}});
  CHECK(holds(cond("StringLike", "aws:SourceArn", {"arn:aws:svc:*:111122223333:finance/*"}), arn));
  CHECK_FALSE(holds(cond("ArnLike", "aws:SourceArn", {"arn:aws:svc:*:111122223333:finance/*"}), arn));
}

TEST_CASE("Numeric: decimals and leading zeros (§11.11)") {
  const Request one = req({{"s3:max-keys", {"1"}}});
  CHECK(holds(cond("NumericEquals", "s3:max-keys", {"01"}), one));
  CHECK(holds(cond("NumericEquals", "s3:max-keys", {"1.0"}), one));
  CHECK_FALSE(holds(cond("NumericEquals", "s3:max-keys", {"2"}), one));
  CHECK(holds(cond("NumericNotEquals", "s3:max-keys", {"2"}), one));
  CHECK_FALSE(holds(cond("NumericNotEquals", "s3:max-keys", {"001"}), one));
  CHECK(holds(cond("NumericLessThan", "s3:max-keys", {"1.5"}), one));
  CHECK_FALSE(holds(cond("NumericLessThan", "s3:max-keys", {"1"}), one));
  CHECK(holds(cond("NumericLessThanEquals", "s3:max-keys", {"1"}), one));
  CHECK(holds(cond("NumericGreaterThan", "s3:max-keys", {"0.5"}), one));
  CHECK_FALSE(holds(cond("NumericGreaterThan", "s3:max-keys", {"1"}), one));
  CHECK(holds(cond("NumericGreaterThanEquals", "s3:max-keys", {"-3"}), one));
  // Non-numeric text never compares.
  CHECK_FALSE(holds(cond("NumericEquals", "s3:max-keys", {"one"}), one));
  CHECK_FALSE(holds(cond("NumericLessThan", "s3:max-keys", {"10"}), req({{"s3:max-keys", {"abc"}}})));

  CHECK(eval::parse_numeric_value("007") == 7.0);
  CHECK(eval::parse_numeric_value("+2.5") == 2.5);
  CHECK(eval::parse_numeric_value(".5") == 0.5);
  CHECK(eval::parse_numeric_value("-0") == 0.0);
  for (const char* bad : {"", "-", ".", "1e3", "0x10", " 1", "1 ", "1.2.3", "inf", "nan", "1,5"}) {
    CHECK_MESSAGE(!eval::parse_numeric_value(bad).has_value(), bad);
  }
}

TEST_CASE("Date: ISO 8601 forms and epoch seconds (§11.1)") {
  CHECK(eval::parse_date_value("1970-01-01T00:00:00Z") == 0.0);
  CHECK(eval::parse_date_value("2020-01-01") == 1577836800.0);
  CHECK(eval::parse_date_value("2020-01-01T00:00:00Z") == 1577836800.0);
  CHECK(eval::parse_date_value("2020-01-01T00:00Z") == 1577836800.0);
  CHECK(eval::parse_date_value("2020-01-01T00:00:00") == 1577836800.0);
  CHECK(eval::parse_date_value("2020-01-01T01:00:00+01:00") == 1577836800.0);
  CHECK(eval::parse_date_value("2019-12-31T19:00:00-0500") == 1577836800.0);
  CHECK(eval::parse_date_value("2020-01-01T00:00:00.500Z") == 1577836800.5);
  CHECK(eval::parse_date_value("2020-01") == 1577836800.0);
  CHECK(eval::parse_date_value("2024-02-29") == 1709164800.0);
  CHECK(eval::parse_date_value("1577836800") == 1577836800.0);
  for (const char* bad : {"2023-02-29", "2020-13-01", "2020-00-10", "2020-01-32", "2020-01-01T24:00:00Z",
                          "2020-01-01T10:60Z", "2020/01/01", "20-01-01", "2020-01-01T", "2020-01-01 00:00:00Z",
                          "2020-01-01T00:00:00ZZ", "yesterday", "", "2020-01-01T00:00:00+5"}) {
    CHECK_MESSAGE(!eval::parse_date_value(bad).has_value(), bad);
  }
}

TEST_CASE("Date: comparisons, epoch values are seconds not milliseconds") {
  const Request r = req({{"aws:CurrentTime", {"2024-06-01T12:00:00Z"}}});
  CHECK(holds(cond("DateLessThan", "aws:CurrentTime", {"2025-01-01T00:00:00Z"}), r));
  CHECK_FALSE(holds(cond("DateLessThan", "aws:CurrentTime", {"2024-01-01"}), r));
  CHECK(holds(cond("DateGreaterThan", "aws:CurrentTime", {"2024-01-01"}), r));
  CHECK(holds(cond("DateGreaterThanEquals", "aws:CurrentTime", {"2024-06-01T12:00:00Z"}), r));
  CHECK(holds(cond("DateLessThanEquals", "aws:CurrentTime", {"2024-06-01T14:00:00+02:00"}), r));
  CHECK(holds(cond("DateEquals", "aws:CurrentTime", {"1717243200"}), r));
  CHECK(holds(cond("DateNotEquals", "aws:CurrentTime", {"1717243200000"}), r)); // milliseconds ≠
  // A millisecond value read as seconds lies ~54,000 years ahead.
  CHECK(holds(cond("DateLessThan", "aws:CurrentTime", {"1717243200000"}), req({{"aws:CurrentTime", {"9999-12-31"}}})));
  // aws:EpochTime as a request value, compared with Date and Numeric operators.
  const Request epoch = req({{"aws:EpochTime", {"1717243200"}}});
  CHECK(holds(cond("DateGreaterThan", "aws:EpochTime", {"2024-01-01T00:00:00Z"}), epoch));
  CHECK(holds(cond("DateLessThan", "aws:EpochTime", {"2024-06-01T12:00:01Z"}), epoch));
  CHECK(holds(cond("NumericGreaterThan", "aws:EpochTime", {"1700000000"}), epoch));
}

TEST_CASE("Bool: any case, string or JSON boolean text") {
  const Request t = req({{"aws:SecureTransport", {"true"}}});
  CHECK(holds(cond("Bool", "aws:SecureTransport", {"true"}), t));
  CHECK(holds(cond("Bool", "aws:SecureTransport", {"TRUE"}), t));
  CHECK(holds(cond("Bool", "aws:SecureTransport", {"True"}), t));
  CHECK_FALSE(holds(cond("Bool", "aws:SecureTransport", {"false"}), t));
  CHECK(holds(cond("Bool", "aws:SecureTransport", {"false"}), req({{"aws:SecureTransport", {"FALSE"}}})));
  CHECK_FALSE(holds(cond("Bool", "aws:SecureTransport", {"yes"}), t));
  CHECK_FALSE(holds(cond("Bool", "aws:SecureTransport", {"1"}), t));
  CHECK(eval::parse_bool_value("fAlSe") == false);
  CHECK_FALSE(eval::parse_bool_value("0").has_value());
}

TEST_CASE("BinaryEquals compares bytes") {
  const Request r = req({{"k:bin", {"QmluYXJ5VmFsdWU="}}});
  CHECK(holds(cond("BinaryEquals", "k:bin", {"QmluYXJ5VmFsdWU="}), r));
  CHECK(holds(cond("BinaryEquals", "k:bin", {"QmluYXJ5VmFsdWU"}), r)); // same bytes, no padding
  CHECK_FALSE(holds(cond("BinaryEquals", "k:bin", {"QmluYXJ5VmFsdWf="}), r));
  CHECK_FALSE(holds(cond("BinaryEquals", "k:bin", {"qmluyxj5vmfsdwu="}), r));
}

TEST_CASE("IpAddress / NotIpAddress") {
  const Request inside = req({{"aws:SourceIp", {"192.0.2.10"}}});
  const Request outside = req({{"aws:SourceIp", {"198.51.100.23"}}});
  const auto allow_list = cond("IpAddress", "aws:SourceIp", {"192.0.2.0/24", "203.0.113.0/24"});
  CHECK(holds(allow_list, inside));
  CHECK_FALSE(holds(allow_list, outside));
  const auto deny_list = cond("NotIpAddress", "aws:SourceIp", {"192.0.2.0/24", "203.0.113.0/24"});
  CHECK_FALSE(holds(deny_list, inside));
  CHECK(holds(deny_list, outside));
  // Bare addresses are hosts; host bits in the policy are ignored.
  CHECK(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.10"}), inside));
  CHECK(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.99/24"}), inside));
  // Invalid policy ranges match nothing.
  CHECK_FALSE(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.0/33"}), inside));
  CHECK(holds(cond("NotIpAddress", "aws:SourceIp", {"not-an-ip"}), inside));
}

TEST_CASE("IpAddress: IPv6 compares parsed values (§11.2)") {
  const Request r = req({{"aws:SourceIp", {"2001:0DB8:0000:0000:0000:0000:0000:0001"}}});
  CHECK(holds(cond("IpAddress", "aws:SourceIp", {"2001:db8::1"}), r));
  CHECK(holds(cond("IpAddress", "aws:SourceIp", {"2001:DB8::/32"}), r));
  CHECK_FALSE(holds(cond("IpAddress", "aws:SourceIp", {"2001:db8::2"}), r));
  // §8.1: an IPv4-only deny list locks IPv6 callers out; an IPv4-only allow list lets none in.
  CHECK(holds(cond("NotIpAddress", "aws:SourceIp", {"192.0.2.0/24"}), r));
  CHECK_FALSE(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.0/24"}), r));
  // Mixed lists work.
  CHECK(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.0/24", "2001:db8::/32"}), r));
}

TEST_CASE("IpAddress: IPv4-mapped request address follows request_address_in_range (§11.3)") {
  const Request mapped = req({{"aws:SourceIp", {"::ffff:192.0.2.10"}}});
  CHECK(holds(cond("IpAddress", "aws:SourceIp", {"192.0.2.0/24"}), mapped));
  CHECK_FALSE(holds(cond("NotIpAddress", "aws:SourceIp", {"192.0.2.0/24"}), mapped));
  CHECK_FALSE(holds(cond("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}), mapped));
}

TEST_CASE("ArnEquals / ArnLike / ArnNot*") {
  const Request r = req({{"aws:SourceArn", {"arn:aws:sns:us-east-1:111122223333:alerts"}}});
  CHECK(holds(cond("ArnEquals", "aws:SourceArn", {"arn:aws:sns:us-east-1:111122223333:alerts"}), r));
  CHECK(holds(cond("ArnEquals", "aws:SourceArn", {"arn:aws:sns:*:111122223333:*"}), r)); // wildcard-capable
  CHECK(holds(cond("ArnLike", "aws:SourceArn", {"arn:aws:sns:us-east-1:111122223333:al*"}), r));
  CHECK_FALSE(holds(cond("ArnLike", "aws:SourceArn", {"arn:aws:sns:us-east-1:444455556666:*"}), r));
  CHECK_FALSE(holds(cond("ArnNotLike", "aws:SourceArn", {"arn:aws:sns:*:111122223333:*"}), r));
  CHECK(holds(cond("ArnNotEquals", "aws:SourceArn", {"arn:aws:sns:us-east-1:444455556666:alerts"}), r));
  CHECK_FALSE(holds(cond("ArnLike", "aws:SourceArn", {"arn:aws:SNS:us-east-1:111122223333:alerts"}), r));
}

TEST_CASE("§9.2 MFA condition forms") {
  const Request long_term = req();                                              // key absent
  const Request temp_no_mfa = req({{"aws:MultiFactorAuthPresent", {"false"}}}); // no age
  const Request temp_mfa = req({{"aws:MultiFactorAuthPresent", {"true"}}, {"aws:MultiFactorAuthAge", {"120"}}});
  const Request stale_mfa = req({{"aws:MultiFactorAuthPresent", {"true"}}, {"aws:MultiFactorAuthAge", {"7200"}}});

  const auto bool_true = cond("Bool", "aws:MultiFactorAuthPresent", {"true"});
  CHECK_FALSE(holds(bool_true, long_term));
  CHECK_FALSE(holds(bool_true, temp_no_mfa));
  CHECK(holds(bool_true, temp_mfa));

  const auto bool_if_exists_true = cond("BoolIfExists", "aws:MultiFactorAuthPresent", {"true"});
  CHECK(holds(bool_if_exists_true, long_term)); // the trap
  CHECK_FALSE(holds(bool_if_exists_true, temp_no_mfa));
  CHECK(holds(bool_if_exists_true, temp_mfa));

  const auto age = cond("NumericLessThan", "aws:MultiFactorAuthAge", {"3600"});
  CHECK_FALSE(holds(age, long_term));
  CHECK_FALSE(holds(age, temp_no_mfa));
  CHECK(holds(age, temp_mfa));
  CHECK_FALSE(holds(age, stale_mfa));

  const auto age_if_exists = cond("NumericLessThanIfExists", "aws:MultiFactorAuthAge", {"3600"});
  CHECK(holds(age_if_exists, long_term));
  CHECK(holds(age_if_exists, temp_no_mfa));
  CHECK(holds(age_if_exists, temp_mfa));
  CHECK_FALSE(holds(age_if_exists, stale_mfa));

  const auto null_age_false = cond("Null", "aws:MultiFactorAuthAge", {"false"});
  CHECK_FALSE(holds(null_age_false, long_term));
  CHECK_FALSE(holds(null_age_false, temp_no_mfa));
  CHECK(holds(null_age_false, temp_mfa));

  // Deny forms: the condition being true means the Deny applies.
  const auto deny_bool_false = cond("Bool", "aws:MultiFactorAuthPresent", {"false"});
  CHECK_FALSE(holds(deny_bool_false, long_term));
  CHECK(holds(deny_bool_false, temp_no_mfa));
  CHECK_FALSE(holds(deny_bool_false, temp_mfa));

  const auto deny_null_true = cond("Null", "aws:MultiFactorAuthPresent", {"true"});
  CHECK(holds(deny_null_true, long_term));
  CHECK_FALSE(holds(deny_null_true, temp_no_mfa));
  CHECK_FALSE(holds(deny_null_true, temp_mfa));

  const auto deny_bool_if_exists_false = cond("BoolIfExists", "aws:MultiFactorAuthPresent", {"false"});
  CHECK(holds(deny_bool_if_exists_false, long_term));
  CHECK(holds(deny_bool_if_exists_false, temp_no_mfa));
  CHECK_FALSE(holds(deny_bool_if_exists_false, temp_mfa));
}

TEST_CASE("unknown operator never evaluates (statement is not evaluable)") {
  policy::Condition c;
  c.operator_text.value = "StringEqualz";
  c.key.value = "aws:username";
  c.values.push_back({"alice", {}, policy::ValueType::string});
  CHECK_FALSE(condition_matches(c, req({{"aws:username", {"alice"}}}), true));
}
