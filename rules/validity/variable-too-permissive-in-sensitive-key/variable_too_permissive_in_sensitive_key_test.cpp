// PL611: policy variables in caller- and owner-identifying keys, on the value, where they widen access.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& effect, const std::string& condition) {
  return testing::one_statement_policy({.sid = "Read",
                                        .effect = effect,
                                        .principal = R"("*")",
                                        .action = R"("s3:GetObject")",
                                        .resource = R"("arn:aws:s3:::example-reports/*")",
                                        .condition = condition});
}

std::size_t count(const std::string& effect, const std::string& condition) {
  return testing::lint_only(with(effect, condition), "PL611").size();
}

} // namespace

TEST_CASE("PL611 variable-too-permissive-in-sensitive-key: the request supplies the value") {
  const std::string text = with("Allow", R"({"StringLike": {"aws:SourceAccount": "${aws:PrincipalAccount}*"}})");
  const auto ds = testing::lint_only(text, "PL611");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"${aws:PrincipalAccount}*\""));
  CHECK(ds[0].statement == "Read");
  // One finding per value: the wildcard beside the variable is not PL610's as well.
  CHECK(testing::lint_only(text, "PL610").empty());
  CHECK(count("Allow", R"({"StringEquals": {"aws:PrincipalOrgID": "${aws:PrincipalOrgID}"}})") == 1);
  CHECK(count("Allow", R"({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/*"}})") == 1);
  CHECK(count("Deny", R"({"StringNotEquals": {"aws:PrincipalAccount": "${aws:PrincipalTag/account}"}})") == 1);
  // In aws:userid the variable must follow the unique ID and its ':'.
  const std::string userid =
      with("Allow", R"({"StringEquals": {"aws:userid": "${aws:username}:AIDAJQABLZS4A3QDU576Q"}})");
  const auto u = testing::lint_only(userid, "PL611");
  REQUIRE(u.size() == 1);
  CHECK(testing::contains(u[0].message, "aws:userid"));
  CHECK(count("Allow", R"({"StringEquals": {"aws:userid": "AIDAJQABLZS4A3QDU576Q${aws:username}"}})") == 1);
}

TEST_CASE("PL611 variable-too-permissive-in-sensitive-key: anchored, narrowing or not sensitive") {
  CHECK(count("Allow", R"({"StringEquals": {"aws:userid": "AIDAJQABLZS4A3QDU576Q:${aws:username}"}})") == 0);
  CHECK(count("Allow", R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/${aws:username}"}})") == 0);
  // AWS's data-perimeter test "the resource is in the caller's organisation" compares two parties.
  CHECK(count("Deny", R"({"StringNotEqualsIfExists": {"aws:ResourceOrgID": "${aws:PrincipalOrgID}"}})") == 0);
  CHECK(count("Allow", R"({"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}})") == 0);
  // AWS's guard for EC2 instance credentials used outside their VPC.
  CHECK(count("Deny", R"({"StringNotEquals": {"aws:SourceVpc": "${aws:Ec2InstanceSourceVpc}"}})") == 0);
  // A Deny that matches a variable denies more, and an Allow that excludes one grants less.
  CHECK(count("Deny", R"({"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}})") == 0);
  CHECK(count("Allow", R"({"StringNotEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}})") == 0);
  // Keys that do not identify the caller or the owner: the usual per-user prefix.
  CHECK(count("Allow", R"({"StringLike": {"s3:prefix": "home/${aws:username}/*"}})") == 0);
  // The escape ${*} is a literal '*', not a variable.
  CHECK(count("Allow", R"({"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d${*}"}})") == 0);
}
