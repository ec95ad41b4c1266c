// Documented AWS examples from iam-semantics.md that tests/unit/eval_*_test.cpp did not cover
// yet: dual-stack callers against IPv4-only lists (§8.1), IfExists through VPC endpoints
// (§8.1, §6.3), forward access sessions under the live deny-by-IP page (§8.3), the
// data-perimeter exemption branch (§8.2), Allow + negated operator with the key absent (§6.3),
// and NotAction with Deny as the MFA exemption pattern (§3).
#include "policy_builder.hpp"

#include <doctest/doctest.h>

#include <policylint/eval/evaluator.hpp>

using namespace policylint;
using eval::Decision;
using property::Cond;
using property::make_policy;
using property::Stmt;

namespace {

eval::Request call(std::string action, std::vector<std::pair<std::string, std::string>> context) {
  eval::Request r;
  r.action = std::move(action);
  for (auto& [k, v] : context) {
    r.set_context(k, {v});
  }
  return r;
}

const Stmt k_admin{.actions = {"*"}};

} // namespace

TEST_CASE("§8.1 [A9] dual-stack callers: an IPv4-only list locks IPv6 callers out of a NotIpAddress Deny") {
  const auto p = make_policy({k_admin, Stmt{.effect = policy::Effect::deny,
                                            .actions = {"*"},
                                            .conditions = {{"NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"}}}}});
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceIp", "203.0.113.9"}})).decision == Decision::allowed);
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceIp", "2001:db8::9"}})).decision ==
        Decision::explicit_deny);
}

TEST_CASE("§8.1 [A9] dual-stack callers: an IPv4-only IpAddress Deny lets every IPv6 caller through") {
  const auto p = make_policy({k_admin, Stmt{.effect = policy::Effect::deny,
                                            .actions = {"*"},
                                            .conditions = {{"IpAddress", "aws:SourceIp", {"198.51.100.0/24"}}}}});
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceIp", "198.51.100.1"}})).decision ==
        Decision::explicit_deny);
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceIp", "2001:db8::1"}})).decision == Decision::allowed);
}

TEST_CASE("§8.1 IpAddressIfExists allows every VPC-endpoint caller (aws:SourceIp absent)") {
  const auto p = make_policy(
      {Stmt{.actions = {"s3:*"}, .conditions = {{"IpAddressIfExists", "aws:SourceIp", {"203.0.113.0/24"}}}}});
  CHECK(eval::evaluate(p, call("s3:GetObject", {})).decision == Decision::allowed);
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceIp", "192.0.2.1"}})).decision ==
        Decision::implicit_deny);
}

TEST_CASE("§8.3 live deny-by-IP page: a forward access session keeps the caller's address and is not denied") {
  const auto p = make_policy({k_admin, Stmt{.effect = policy::Effect::deny,
                                            .actions = {"*"},
                                            .conditions = {{"NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"}}}}});
  // S3 calling KMS for the user: the request carries the user's own address.
  CHECK(eval::evaluate(p, call("kms:Decrypt", {{"aws:SourceIp", "203.0.113.7"}, {"aws:ViaAWSService", "true"}}))
            .decision == Decision::allowed);
  // A service calling with its own address and no exemption: denied (why the 2023 page exempted it).
  CHECK(eval::evaluate(p, call("ec2:RunInstances", {{"aws:SourceIp", "52.94.76.10"}, {"aws:ViaAWSService", "true"}}))
            .decision == Decision::explicit_deny);
}

TEST_CASE("§8.2 [A20] data-perimeter deny: NotIpAddress with an exemption for the organisation's endpoints") {
  const auto p = make_policy({k_admin, Stmt{.effect = policy::Effect::deny,
                                            .actions = {"*"},
                                            .conditions = {{"NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"}},
                                                           {"StringNotEqualsIfExists", "aws:SourceVpc", {"vpc-12345678"}}}}});
  // Through the organisation's VPC: SourceIp absent (NotIpAddress true) but SourceVpc matches.
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceVpc", "vpc-12345678"}})).decision == Decision::allowed);
  // Through someone else's VPC: denied.
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceVpc", "vpc-87654321"}})).decision ==
        Decision::explicit_deny);
  // From the internet outside the list: SourceVpc absent → IfExists true → denied.
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:SourceIp", "192.0.2.1"}})).decision ==
        Decision::explicit_deny);
}

TEST_CASE("§6.3 Allow + negated operator allows when the key is absent") {
  const auto p = make_policy(
      {Stmt{.actions = {"s3:GetObject"}, .conditions = {{"StringNotEquals", "aws:PrincipalTag/team", {"intern"}}}}});
  CHECK(eval::evaluate(p, call("s3:GetObject", {})).decision == Decision::allowed);
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:PrincipalTag/team", "intern"}})).decision ==
        Decision::implicit_deny);
}

TEST_CASE("§3 Deny + NotAction: the MFA exemption pattern denies everything else without MFA") {
  const auto p = make_policy(
      {k_admin, Stmt{.effect = policy::Effect::deny,
                     .actions = {"iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"},
                     .not_action = true,
                     .conditions = {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"false"}}}}});
  CHECK(eval::evaluate(p, call("iam:EnableMFADevice", {})).decision == Decision::allowed);
  CHECK(eval::evaluate(p, call("s3:GetObject", {})).decision == Decision::explicit_deny);
  CHECK(eval::evaluate(p, call("s3:GetObject", {{"aws:MultiFactorAuthPresent", "true"}})).decision ==
        Decision::allowed);
}
