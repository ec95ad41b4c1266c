// Statement applicability and policy evaluation (iam-semantics §2, §3-5, §10, §11 items 5, 9,
// 13-18), with the seed article's IP policies and AWS's documented examples.
#include <doctest/doctest.h>

#include <policylint/eval/evaluator.hpp>
#include <policylint/eval/principal_match.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace policylint;
using eval::Decision;
using eval::evaluate;
using eval::Request;

namespace {

struct Cond {
  std::string op{};
  std::string key{};
  std::vector<std::string> values{};
};

// Designated-initializer friendly: every member has a default member initializer.
struct Stmt {
  std::string sid{};
  policy::Effect effect = policy::Effect::allow;
  std::vector<std::string> actions{};
  bool not_action = false;
  std::vector<std::string> resources{}; // empty: no Resource element
  bool not_resource = false;
  std::vector<std::pair<std::string, std::string>> principals{}; // empty: no Principal element
  bool not_principal = false;
  std::vector<Cond> conditions{};
};

policy::Policy make_policy(std::vector<Stmt> statements, policy::PolicyKind kind = policy::PolicyKind::identity,
                           std::string version = "2012-10-17") {
  policy::Policy p;
  p.kind = kind;
  if (!version.empty()) {
    p.version = policy::Text{version, {}};
  }
  std::uint32_t index = 0;
  for (auto& spec : statements) {
    policy::Statement s;
    s.index = index++;
    if (!spec.sid.empty()) {
      s.sid = policy::Text{spec.sid, {}};
    }
    s.effect = spec.effect;
    s.action.present = true;
    s.action.negated = spec.not_action;
    for (auto& a : spec.actions) {
      s.action.values.push_back({a, {}});
    }
    s.resource.present = !spec.resources.empty();
    s.resource.negated = spec.not_resource;
    for (auto& r : spec.resources) {
      s.resource.values.push_back({r, {}});
    }
    s.principal.present = !spec.principals.empty();
    s.principal.negated = spec.not_principal;
    for (auto& [type, value] : spec.principals) {
      s.principal.values.push_back({type, {value, {}}});
    }
    for (auto& c : spec.conditions) {
      policy::Condition cond;
      cond.operator_text.value = c.op;
      cond.op = policy::parse_operator(c.op);
      REQUIRE_MESSAGE(cond.op.has_value(), c.op);
      cond.key.value = c.key;
      for (auto& v : c.values) {
        cond.values.push_back({v, {}, policy::ValueType::string});
      }
      s.conditions.push_back(std::move(cond));
    }
    p.statements.push_back(std::move(s));
  }
  return p;
}

Request make_request(std::string action, std::string resource = "*",
                     std::vector<std::pair<std::string, std::vector<std::string>>> context = {},
                     std::string principal = {}) {
  Request r;
  r.action = std::move(action);
  r.resource = std::move(resource);
  r.principal = std::move(principal);
  for (auto& [key, values] : context) {
    r.set_context(key, values);
  }
  return r;
}

Decision decide(const policy::Policy& p, const Request& r) { return evaluate(p, r).decision; }

constexpr policy::Effect k_allow = policy::Effect::allow;
constexpr policy::Effect k_deny = policy::Effect::deny;

} // namespace

TEST_CASE("decision names") {
  CHECK(eval::decision_name(Decision::allowed) == "allowed");
  CHECK(eval::decision_name(Decision::explicit_deny) == "explicit-deny");
  CHECK(eval::decision_name(Decision::implicit_deny) == "implicit-deny");
}

TEST_CASE("§2.2 implicit deny, allow, and explicit deny wins") {
  const auto allow_only = make_policy({{.sid = "Read", .effect = k_allow, .actions = {"s3:GetObject"},
                                        .resources = {"arn:aws:s3:::bucket/*"}}});
  CHECK(decide(allow_only, make_request("s3:GetObject", "arn:aws:s3:::bucket/a")) == Decision::allowed);
  CHECK(decide(allow_only, make_request("s3:PutObject", "arn:aws:s3:::bucket/a")) == Decision::implicit_deny);
  CHECK(decide(allow_only, make_request("s3:GetObject", "arn:aws:s3:::other/a")) == Decision::implicit_deny);

  const auto with_deny = make_policy({
      {.sid = "All", .effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}},
      {.sid = "NoSecrets", .effect = k_deny, .actions = {"s3:*"}, .resources = {"arn:aws:s3:::secrets/*"}},
  });
  const auto denied = evaluate(with_deny, make_request("s3:GetObject", "arn:aws:s3:::secrets/k"));
  CHECK(denied.decision == Decision::explicit_deny);
  REQUIRE(denied.deciding.size() == 1);
  CHECK(denied.deciding[0].statement->label() == "NoSecrets");
  CHECK(denied.deciding[0].policy == &with_deny);

  const auto allowed = evaluate(with_deny, make_request("s3:GetObject", "arn:aws:s3:::public/k"));
  CHECK(allowed.decision == Decision::allowed);
  REQUIRE(allowed.deciding.size() == 1);
  CHECK(allowed.deciding[0].statement->label() == "All");

  CHECK(evaluate(make_policy({}), make_request("s3:GetObject")).deciding.empty());
}

TEST_CASE("§2.2 deny in any policy of the set wins, every deciding statement is listed in order") {
  const auto identity = make_policy({
      {.sid = "A", .effect = k_allow, .actions = {"ec2:*"}, .resources = {"*"}},
      {.sid = "B", .effect = k_allow, .actions = {"ec2:Describe*"}, .resources = {"*"}},
  });
  const auto guard = make_policy({
      {.sid = "D1", .effect = k_deny, .actions = {"ec2:TerminateInstances"}, .resources = {"*"}},
      {.sid = "D2", .effect = k_deny, .actions = {"ec2:Terminate*"}, .resources = {"*"}},
  });
  const policy::Policy* const both[] = {&identity, &guard};
  const auto describe = evaluate(both, make_request("ec2:DescribeInstances"));
  CHECK(describe.decision == Decision::allowed);
  REQUIRE(describe.deciding.size() == 2);
  CHECK(describe.deciding[0].statement->label() == "A");
  CHECK(describe.deciding[1].statement->label() == "B");

  const auto terminate = evaluate(both, make_request("ec2:TerminateInstances", "arn:aws:ec2:us-east-1:1:instance/i-1"));
  CHECK(terminate.decision == Decision::explicit_deny);
  REQUIRE(terminate.deciding.size() == 2);
  CHECK(terminate.deciding[0].policy == &guard);
  CHECK(terminate.deciding[1].statement->label() == "D2");
}

TEST_CASE("§3 NotAction") {
  const auto allow_not = make_policy({{.effect = k_allow, .actions = {"iam:*"}, .not_action = true, .resources = {"*"}}});
  CHECK(decide(allow_not, make_request("s3:GetObject")) == Decision::allowed);
  CHECK(decide(allow_not, make_request("iam:CreateUser")) == Decision::implicit_deny);
  // Allow+NotAction does not deny X: another statement may still grant it.
  const auto plus_grant = make_policy({
      {.effect = k_allow, .actions = {"iam:*"}, .not_action = true, .resources = {"*"}},
      {.effect = k_allow, .actions = {"iam:GetUser"}, .resources = {"*"}},
  });
  CHECK(decide(plus_grant, make_request("iam:GetUser")) == Decision::allowed);

  // Deny+NotAction: the MFA self-service exemption pattern.
  const auto exempt = make_policy({
      {.effect = k_allow, .actions = {"*"}, .resources = {"*"}},
      {.sid = "DenyAllExceptListedIfNoMFA", .effect = k_deny,
       .actions = {"iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices",
                   "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "sts:GetSessionToken"},
       .not_action = true, .resources = {"*"},
       .conditions = {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"false"}}}},
  });
  CHECK(decide(exempt, make_request("iam:EnableMFADevice")) == Decision::allowed);
  CHECK(decide(exempt, make_request("s3:ListAllMyBuckets")) == Decision::explicit_deny);
  CHECK(decide(exempt, make_request("s3:ListAllMyBuckets", "*", {{"aws:MultiFactorAuthPresent", {"true"}}})) ==
        Decision::allowed);
}

TEST_CASE("§3 / §11.13 action case-insensitivity and exact service prefix in statements") {
  const auto p = make_policy({{.effect = k_allow, .actions = {"S3:get*"}, .resources = {"*"}}});
  CHECK(decide(p, make_request("s3:GetObject", "arn:aws:s3:::b/k")) == Decision::allowed);
  CHECK(decide(p, make_request("s3-object-lambda:GetObject", "arn:aws:s3:::b/k")) == Decision::implicit_deny);
}

TEST_CASE("§4 NotResource") {
  const auto allow_not = make_policy(
      {{.effect = k_allow, .actions = {"s3:*"}, .resources = {"arn:aws:s3:::payroll/*"}, .not_resource = true}});
  CHECK(decide(allow_not, make_request("s3:GetObject", "arn:aws:s3:::other/k")) == Decision::allowed);
  CHECK(decide(allow_not, make_request("s3:ListAllMyBuckets", "*")) == Decision::allowed);
  CHECK(decide(allow_not, make_request("s3:GetObject", "arn:aws:s3:::payroll/k")) == Decision::implicit_deny);

  const auto deny_not = make_policy({
      {.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}},
      {.effect = k_deny, .actions = {"s3:*"}, .resources = {"arn:aws:s3:::safe", "arn:aws:s3:::safe/*"},
       .not_resource = true},
  });
  CHECK(decide(deny_not, make_request("s3:GetObject", "arn:aws:s3:::safe/k")) == Decision::allowed);
  CHECK(decide(deny_not, make_request("s3:GetObject", "arn:aws:s3:::elsewhere/k")) == Decision::explicit_deny);
}

TEST_CASE("§11.15 wildcard-only actions need Resource *") {
  const auto specific = make_policy(
      {{.effect = k_allow, .actions = {"s3:ListAllMyBuckets", "iam:ListRoles"}, .resources = {"arn:aws:s3:::*"}}});
  CHECK(decide(specific, make_request("s3:ListAllMyBuckets", "*")) == Decision::implicit_deny);
  const auto any_service = make_policy({{.effect = k_allow, .actions = {"*"}, .resources = {"arn:aws:*:*:*:*"}}});
  CHECK(decide(any_service, make_request("iam:ListRoles", "*")) == Decision::implicit_deny);
  CHECK(decide(any_service, make_request("iam:GetRole", "arn:aws:iam::111122223333:role/r")) == Decision::allowed);
  const auto star = make_policy({{.effect = k_allow, .actions = {"iam:ListRoles"}, .resources = {"*"}}});
  CHECK(decide(star, make_request("iam:ListRoles", "*")) == Decision::allowed);
}

TEST_CASE("§11.18 conditional deny is partial, conditions never cross statements") {
  const auto p = make_policy({
      {.sid = "AllowS3", .effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}},
      {.sid = "DenyHttp", .effect = k_deny, .actions = {"s3:*"}, .resources = {"*"},
       .conditions = {{"Bool", "aws:SecureTransport", {"false"}}}},
  });
  CHECK(decide(p, make_request("s3:GetObject", "arn:aws:s3:::b/k", {{"aws:SecureTransport", {"false"}}})) ==
        Decision::explicit_deny);
  CHECK(decide(p, make_request("s3:GetObject", "arn:aws:s3:::b/k", {{"aws:SecureTransport", {"true"}}})) ==
        Decision::allowed);
  // Absent key: positive Bool is false, so the deny does not apply.
  CHECK(decide(p, make_request("s3:GetObject", "arn:aws:s3:::b/k")) == Decision::allowed);

  // A condition on one Allow does not restrict a sibling Allow.
  const auto siblings = make_policy({
      {.effect = k_allow, .actions = {"ec2:StartInstances"}, .resources = {"*"},
       .conditions = {{"StringEquals", "aws:RequestedRegion", {"eu-west-1"}}}},
      {.effect = k_allow, .actions = {"ec2:StopInstances"}, .resources = {"*"}},
  });
  CHECK(decide(siblings, make_request("ec2:StopInstances", "*", {{"aws:RequestedRegion", {"us-east-1"}}})) ==
        Decision::allowed);
  CHECK(decide(siblings, make_request("ec2:StartInstances", "*", {{"aws:RequestedRegion", {"us-east-1"}}})) ==
        Decision::implicit_deny);
}

TEST_CASE("§11.5 / §11.9 negated deny fires when the key is absent") {
  const auto p = make_policy({
      {.effect = k_allow, .actions = {"*"}, .resources = {"*"}},
      {.effect = k_deny, .actions = {"*"}, .resources = {"*"},
       .conditions = {{"StringNotEquals", "aws:PrincipalOrgID", {"o-abc123"}}}},
  });
  CHECK(decide(p, make_request("s3:GetObject", "*", {{"aws:PrincipalOrgID", {"o-abc123"}}})) == Decision::allowed);
  CHECK(decide(p, make_request("s3:GetObject", "*", {{"aws:PrincipalOrgID", {"o-evil"}}})) == Decision::explicit_deny);
  CHECK(decide(p, make_request("s3:GetObject")) == Decision::explicit_deny);

  // Allow + negated operator allows when the key is absent.
  const auto allow_neg = make_policy({{.effect = k_allow, .actions = {"s3:GetObject"}, .resources = {"*"},
                                       .conditions = {{"StringNotEquals", "aws:SourceVpce", {"vpce-1a2b3c4d"}}}}});
  CHECK(decide(allow_neg, make_request("s3:GetObject")) == Decision::allowed);
  CHECK(decide(allow_neg, make_request("s3:GetObject", "*", {{"aws:SourceVpce", {"vpce-1a2b3c4d"}}})) ==
        Decision::implicit_deny);
}

TEST_CASE("seed article: Deny * NotIpAddress aws:SourceIp allowlist") {
  // AWS's "Deny access to AWS based on the source IP" example (live version).
  const auto p = make_policy({
      {.effect = k_allow, .actions = {"*"}, .resources = {"*"}},
      {.effect = k_deny, .actions = {"*"}, .resources = {"*"},
       .conditions = {{"NotIpAddress", "aws:SourceIp", {"192.0.2.0/24", "203.0.113.0/24"}}}},
  });
  CHECK(decide(p, make_request("ec2:RunInstances", "*", {{"aws:SourceIp", {"192.0.2.44"}}})) == Decision::allowed);
  CHECK(decide(p, make_request("ec2:RunInstances", "*", {{"aws:SourceIp", {"203.0.113.200"}}})) == Decision::allowed);
  CHECK(decide(p, make_request("ec2:RunInstances", "*", {{"aws:SourceIp", {"198.51.100.23"}}})) ==
        Decision::explicit_deny);
  // Through a VPC endpoint aws:SourceIp is absent: the deny fires (§8.1).
  CHECK(decide(p, make_request("s3:GetObject", "*", {{"aws:SourceVpce", {"vpce-1a2b3c4d"}}})) ==
        Decision::explicit_deny);
  // IPv6 callers fall outside an IPv4-only list.
  CHECK(decide(p, make_request("s3:GetObject", "*", {{"aws:SourceIp", {"2001:db8::1"}}})) == Decision::explicit_deny);
}

TEST_CASE("seed article: 2023 variant with Bool aws:ViaAWSService false") {
  const auto p = make_policy({
      {.effect = k_allow, .actions = {"*"}, .resources = {"*"}},
      {.effect = k_deny, .actions = {"*"}, .resources = {"*"},
       .conditions = {{"NotIpAddress", "aws:SourceIp", {"192.0.2.0/24", "203.0.113.0/24"}},
                      {"Bool", "aws:ViaAWSService", {"false"}}}},
  });
  // Direct call from outside: denied.
  CHECK(decide(p, make_request("ec2:RunInstances", "*",
                               {{"aws:SourceIp", {"198.51.100.23"}}, {"aws:ViaAWSService", {"false"}}})) ==
        Decision::explicit_deny);
  // A service calling for the user (FAS): the exemption keeps it allowed.
  CHECK(decide(p, make_request("kms:Decrypt", "*",
                               {{"aws:SourceIp", {"198.51.100.23"}}, {"aws:ViaAWSService", {"true"}}})) ==
        Decision::allowed);
  // Both conditions must hold (AND).
  CHECK(decide(p, make_request("ec2:RunInstances", "*",
                               {{"aws:SourceIp", {"192.0.2.1"}}, {"aws:ViaAWSService", {"false"}}})) ==
        Decision::allowed);
}

TEST_CASE("seed article: allow with IpAddress grants nothing from elsewhere or via an endpoint") {
  const auto p = make_policy({{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"},
                               .conditions = {{"IpAddress", "aws:SourceIp", {"192.0.2.0/24"}}}}});
  CHECK(decide(p, make_request("s3:GetObject", "*", {{"aws:SourceIp", {"192.0.2.5"}}})) == Decision::allowed);
  CHECK(decide(p, make_request("s3:GetObject", "*", {{"aws:SourceIp", {"198.51.100.23"}}})) ==
        Decision::implicit_deny);
  CHECK(decide(p, make_request("s3:GetObject")) == Decision::implicit_deny);
  // The IfExists variant lets any VPC-endpoint caller in.
  const auto if_exists = make_policy({{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"},
                                       .conditions = {{"IpAddressIfExists", "aws:SourceIp", {"192.0.2.0/24"}}}}});
  CHECK(decide(if_exists, make_request("s3:GetObject")) == Decision::allowed);
}

TEST_CASE("seed article: trust policy with IpAddress (§8.1, §10)") {
  const auto trust = make_policy(
      {{.effect = k_allow, .actions = {"sts:AssumeRole"}, .principals = {{"AWS", "arn:aws:iam::111122223333:root"}},
        .conditions = {{"IpAddress", "aws:SourceIp", {"192.0.2.0/24"}}}}},
      policy::PolicyKind::trust);
  const std::string alice = "arn:aws:iam::111122223333:user/alice";
  // Resource is not checked for trust policies: the role ARN, or anything else, is fine.
  CHECK(decide(trust, make_request("sts:AssumeRole", "arn:aws:iam::111122223333:role/ops",
                                   {{"aws:SourceIp", {"192.0.2.9"}}}, alice)) == Decision::allowed);
  CHECK(decide(trust, make_request("sts:AssumeRole", "*", {{"aws:SourceIp", {"192.0.2.9"}}}, alice)) ==
        Decision::allowed);
  CHECK(decide(trust, make_request("sts:AssumeRole", "*", {{"aws:SourceIp", {"198.51.100.23"}}}, alice)) ==
        Decision::implicit_deny);
  CHECK(decide(trust, make_request("sts:AssumeRole", "*", {}, alice)) == Decision::implicit_deny);
  // Another account's caller is not trusted.
  CHECK(decide(trust, make_request("sts:AssumeRole", "*", {{"aws:SourceIp", {"192.0.2.9"}}},
                                   "arn:aws:iam::444455556666:user/mallory")) == Decision::implicit_deny);
  // The trust policy grants only what it lists.
  CHECK(decide(trust, make_request("sts:TagSession", "*", {{"aws:SourceIp", {"192.0.2.9"}}}, alice)) ==
        Decision::implicit_deny);
}

TEST_CASE("§5 / §11.16 principal forms") {
  using eval::principal_value_matches;
  const auto aws = [](std::string v) { return policy::PrincipalValue{"AWS", {std::move(v), {}}}; };
  const std::string user = "arn:aws:iam::111122223333:user/alice";
  const std::string session = "arn:aws:sts::111122223333:assumed-role/Deploy/ci-run-42";
  const std::string other = "arn:aws:iam::444455556666:user/bob";

  // "*" is everyone, anonymous included.
  CHECK(principal_value_matches(aws("*"), user));
  CHECK(principal_value_matches(aws("*"), "*"));
  CHECK(principal_value_matches(aws("*"), "ec2.amazonaws.com"));
  CHECK_FALSE(principal_value_matches(aws("*"), ""));

  // Account id ≡ :root ARN ≡ any principal of the account, not just root.
  for (const char* account : {"111122223333", "arn:aws:iam::111122223333:root"}) {
    CHECK(principal_value_matches(aws(account), user));
    CHECK(principal_value_matches(aws(account), session));
    CHECK(principal_value_matches(aws(account), "arn:aws:iam::111122223333:root"));
    CHECK(principal_value_matches(aws(account), "arn:aws:iam::111122223333:role/x"));
    CHECK_FALSE(principal_value_matches(aws(account), other));
    CHECK_FALSE(principal_value_matches(aws(account), "*"));
    CHECK_FALSE(principal_value_matches(aws(account), "ec2.amazonaws.com"));
  }
  CHECK_FALSE(principal_value_matches(aws("arn:aws:iam::111122223333:root"), "arn:aws-cn:iam::111122223333:user/a"));

  // User ARNs: exact and case-sensitive.
  CHECK(principal_value_matches(aws(user), user));
  CHECK_FALSE(principal_value_matches(aws("arn:aws:iam::111122223333:user/Alice"), user));
  CHECK_FALSE(principal_value_matches(aws(user), "arn:aws:iam::111122223333:user/alice2"));

  // A role names all its sessions; the role path does not appear in session ARNs.
  CHECK(principal_value_matches(aws("arn:aws:iam::111122223333:role/Deploy"), session));
  CHECK(principal_value_matches(aws("arn:aws:iam::111122223333:role/ci/Deploy"), session));
  CHECK(principal_value_matches(aws("arn:aws:iam::111122223333:role/Deploy"), "arn:aws:iam::111122223333:role/Deploy"));
  CHECK_FALSE(principal_value_matches(aws("arn:aws:iam::111122223333:role/Deploy"),
                                      "arn:aws:sts::111122223333:assumed-role/DeployProd/s"));
  CHECK_FALSE(principal_value_matches(aws("arn:aws:iam::444455556666:role/Deploy"), session));
  CHECK_FALSE(principal_value_matches(aws("arn:aws:iam::111122223333:role/deploy"), session));
  // A session ARN names one session only.
  CHECK(principal_value_matches(aws(session), session));
  CHECK_FALSE(principal_value_matches(aws(session), "arn:aws:sts::111122223333:assumed-role/Deploy/other"));
  CHECK_FALSE(principal_value_matches(aws(session), "arn:aws:iam::111122223333:role/Deploy"));

  // Service, Federated, CanonicalUser: exact values.
  CHECK(principal_value_matches({"Service", {"ec2.amazonaws.com", {}}}, "ec2.amazonaws.com"));
  CHECK_FALSE(principal_value_matches({"Service", {"ec2.amazonaws.com", {}}}, "lambda.amazonaws.com"));
  const std::string oidc = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  CHECK(principal_value_matches({"Federated", {oidc, {}}}, oidc));
  CHECK_FALSE(principal_value_matches({"Federated", {oidc, {}}}, user));
  CHECK(principal_value_matches({"Federated", {"accounts.google.com", {}}}, "accounts.google.com"));
  CHECK(principal_value_matches({"CanonicalUser", {"79a59df900b949e55d96a1e698fbaced", {}}},
                                "79a59df900b949e55d96a1e698fbaced"));
  // Unique IDs match only themselves (a recreated user has a new one).
  CHECK(principal_value_matches(aws("AIDAJQABLZS4A3QDU576Q"), "AIDAJQABLZS4A3QDU576Q"));
  CHECK_FALSE(principal_value_matches(aws("AIDAJQABLZS4A3QDU576Q"), user));
}

TEST_CASE("§5 Principal \"*\" in a resource policy and NotPrincipal") {
  const auto bucket = make_policy(
      {{.effect = k_allow, .actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::site/*"},
        .principals = {{"AWS", "*"}}}},
      policy::PolicyKind::resource);
  CHECK(decide(bucket, make_request("s3:GetObject", "arn:aws:s3:::site/index.html", {}, "*")) == Decision::allowed);
  CHECK(decide(bucket, make_request("s3:GetObject", "arn:aws:s3:::site/index.html", {},
                                    "arn:aws:iam::444455556666:user/x")) == Decision::allowed);
  // Resource is still checked for resource policies.
  CHECK(decide(bucket, make_request("s3:GetObject", "arn:aws:s3:::private/x", {}, "*")) == Decision::implicit_deny);
  // Unknown caller: Principal does not match.
  CHECK(decide(bucket, make_request("s3:GetObject", "arn:aws:s3:::site/index.html")) == Decision::implicit_deny);

  // Deny + NotPrincipal: everyone not listed is denied; the session must be listed separately.
  const auto guard = make_policy(
      {{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}, .principals = {{"AWS", "111122223333"}}},
       {.effect = k_deny, .actions = {"s3:*"}, .resources = {"*"},
        .principals = {{"AWS", "arn:aws:iam::111122223333:user/admin"}}, .not_principal = true}},
      policy::PolicyKind::resource);
  CHECK(decide(guard, make_request("s3:GetObject", "arn:aws:s3:::b/k", {}, "arn:aws:iam::111122223333:user/admin")) ==
        Decision::allowed);
  CHECK(decide(guard, make_request("s3:GetObject", "arn:aws:s3:::b/k", {}, "arn:aws:iam::111122223333:user/dev")) ==
        Decision::explicit_deny);
  CHECK(decide(guard, make_request("s3:GetObject", "arn:aws:s3:::b/k", {}, "*")) == Decision::explicit_deny);

  // A NotPrincipal role ARN excepts the role, not its sessions: the request made with the
  // role's credentials comes from the assumed-role ARN, which is denied unless listed too.
  const std::string session = "arn:aws:sts::111122223333:assumed-role/Admin/alice";
  const auto role_only = make_policy(
      {{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}, .principals = {{"AWS", "111122223333"}}},
       {.effect = k_deny, .actions = {"s3:*"}, .resources = {"*"},
        .principals = {{"AWS", "arn:aws:iam::111122223333:role/Admin"}}, .not_principal = true}},
      policy::PolicyKind::resource);
  CHECK(decide(role_only, make_request("s3:GetObject", "arn:aws:s3:::b/k", {}, session)) == Decision::explicit_deny);
  const auto with_session = make_policy(
      {{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}, .principals = {{"AWS", "111122223333"}}},
       {.effect = k_deny, .actions = {"s3:*"}, .resources = {"*"},
        .principals = {{"AWS", "arn:aws:iam::111122223333:role/Admin"}, {"AWS", session}}, .not_principal = true}},
      policy::PolicyKind::resource);
  CHECK(decide(with_session, make_request("s3:GetObject", "arn:aws:s3:::b/k", {}, session)) == Decision::allowed);
  // In Principal the role ARN still names its sessions.
  const auto role_grant = make_policy({{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"},
                                        .principals = {{"AWS", "arn:aws:iam::111122223333:role/Admin"}}}},
                                      policy::PolicyKind::resource);
  CHECK(decide(role_grant, make_request("s3:GetObject", "arn:aws:s3:::b/k", {}, session)) == Decision::allowed);
}

TEST_CASE("§11.17 trust policies: principals, services and OIDC") {
  const auto ec2 = make_policy({{.effect = k_allow, .actions = {"sts:AssumeRole"},
                                 .principals = {{"Service", "ec2.amazonaws.com"}}}},
                               policy::PolicyKind::trust);
  CHECK(decide(ec2, make_request("sts:AssumeRole", "*", {}, "ec2.amazonaws.com")) == Decision::allowed);
  CHECK(decide(ec2, make_request("sts:AssumeRole", "*", {}, "lambda.amazonaws.com")) == Decision::implicit_deny);
  CHECK(decide(ec2, make_request("sts:AssumeRole", "*", {}, "arn:aws:iam::111122223333:user/alice")) ==
        Decision::implicit_deny);

  const std::string oidc = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  const auto github = make_policy(
      {{.effect = k_allow, .actions = {"sts:AssumeRoleWithWebIdentity"}, .principals = {{"Federated", oidc}},
        .conditions = {{"StringEquals", "token.actions.githubusercontent.com:aud", {"sts.amazonaws.com"}},
                       {"StringLike", "token.actions.githubusercontent.com:sub", {"repo:octo-org/octo-repo:*"}}}}},
      policy::PolicyKind::trust);
  CHECK(decide(github, make_request("sts:AssumeRoleWithWebIdentity", "*",
                                    {{"token.actions.githubusercontent.com:aud", {"sts.amazonaws.com"}},
                                     {"token.actions.githubusercontent.com:sub",
                                      {"repo:octo-org/octo-repo:ref:refs/heads/main"}}},
                                    oidc)) == Decision::allowed);
  CHECK(decide(github, make_request("sts:AssumeRoleWithWebIdentity", "*",
                                    {{"token.actions.githubusercontent.com:aud", {"sts.amazonaws.com"}},
                                     {"token.actions.githubusercontent.com:sub", {"repo:evil/fork:ref:refs/heads/main"}}},
                                    oidc)) == Decision::implicit_deny);

  // Third party with ExternalId.
  const auto vendor = make_policy(
      {{.effect = k_allow, .actions = {"sts:AssumeRole"}, .principals = {{"AWS", "444455556666"}},
        .conditions = {{"StringEquals", "sts:ExternalId", {"Unique-Customer-7"}}}}},
      policy::PolicyKind::trust);
  const std::string vendor_role = "arn:aws:sts::444455556666:assumed-role/VendorApp/s1";
  CHECK(decide(vendor, make_request("sts:AssumeRole", "*", {{"sts:ExternalId", {"Unique-Customer-7"}}}, vendor_role)) ==
        Decision::allowed);
  CHECK(decide(vendor, make_request("sts:AssumeRole", "*", {}, vendor_role)) == Decision::implicit_deny);

  // MFA enforced at AssumeRole in the trust policy.
  const auto mfa = make_policy(
      {{.effect = k_allow, .actions = {"sts:AssumeRole"}, .principals = {{"AWS", "arn:aws:iam::111122223333:root"}},
        .conditions = {{"Bool", "aws:MultiFactorAuthPresent", {"true"}}}}},
      policy::PolicyKind::trust);
  CHECK(decide(mfa, make_request("sts:AssumeRole", "*", {{"aws:MultiFactorAuthPresent", {"true"}}},
                                 "arn:aws:iam::111122223333:user/alice")) == Decision::allowed);
  CHECK(decide(mfa, make_request("sts:AssumeRole", "*", {}, "arn:aws:iam::111122223333:user/alice")) ==
        Decision::implicit_deny);
}

TEST_CASE("Principal is ignored in identity policies and required in trust/resource policies") {
  auto identity = make_policy({{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"},
                                .principals = {{"AWS", "arn:aws:iam::111122223333:user/nobody"}}}});
  CHECK(decide(identity, make_request("s3:GetObject", "*", {}, "arn:aws:iam::111122223333:user/alice")) ==
        Decision::allowed);
  const auto no_principal = make_policy({{.effect = k_allow, .actions = {"sts:AssumeRole"}}}, policy::PolicyKind::trust);
  CHECK(decide(no_principal, make_request("sts:AssumeRole", "*", {}, "arn:aws:iam::111122223333:user/alice")) ==
        Decision::implicit_deny);
  const auto resource_no_principal =
      make_policy({{.effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}}}, policy::PolicyKind::resource);
  CHECK(decide(resource_no_principal, make_request("s3:GetObject", "*", {}, "*")) == Decision::implicit_deny);
}

TEST_CASE("statements that are not evaluable never apply") {
  auto p = make_policy({
      {.sid = "Allow", .effect = k_allow, .actions = {"s3:*"}, .resources = {"*"}},
      {.sid = "BrokenDeny", .effect = k_deny, .actions = {"s3:*"}, .resources = {"*"}},
  });
  const Request r = make_request("s3:GetObject");
  CHECK(decide(p, r) == Decision::explicit_deny);
  p.statements[1].evaluable = false;
  CHECK(decide(p, r) == Decision::allowed);
  CHECK_FALSE(eval::statement_applies(p, p.statements[1], r));
  p.statements[0].effect.reset();
  CHECK(decide(p, r) == Decision::implicit_deny);
  // Missing Action or Resource: nothing to match.
  auto no_action = make_policy({{.effect = k_allow, .actions = {}, .resources = {"*"}}});
  no_action.statements[0].action.present = false;
  CHECK(decide(no_action, r) == Decision::implicit_deny);
  auto no_resource = make_policy({{.effect = k_allow, .actions = {"s3:*"}}});
  CHECK(decide(no_resource, r) == Decision::implicit_deny);
}

TEST_CASE("AWS example: allow EC2 actions only in one Region via aws:RequestedRegion") {
  const auto p = make_policy({{.effect = k_allow, .actions = {"ec2:*"}, .resources = {"*"},
                               .conditions = {{"StringEquals", "aws:RequestedRegion", {"us-west-1"}}}}});
  CHECK(decide(p, make_request("ec2:RunInstances", "*", {{"aws:RequestedRegion", {"us-west-1"}}})) ==
        Decision::allowed);
  CHECK(decide(p, make_request("ec2:RunInstances", "*", {{"aws:RequestedRegion", {"us-east-1"}}})) ==
        Decision::implicit_deny);
}

TEST_CASE("AWS example: deny requests without tags via ForAllValues trap and Null fix") {
  // ForAllValues allow on aws:TagKeys also applies to requests without tags (§6.4 trap).
  const auto trap = make_policy({{.effect = k_allow, .actions = {"ec2:CreateTags"}, .resources = {"*"},
                                  .conditions = {{"ForAllValues:StringEquals", "aws:TagKeys", {"env", "team"}}}}});
  CHECK(decide(trap, make_request("ec2:CreateTags")) == Decision::allowed);
  CHECK(decide(trap, make_request("ec2:CreateTags", "*", {{"aws:TagKeys", {"env", "owner"}}})) ==
        Decision::implicit_deny);
  const auto fixed = make_policy({{.effect = k_allow, .actions = {"ec2:CreateTags"}, .resources = {"*"},
                                   .conditions = {{"ForAllValues:StringEquals", "aws:TagKeys", {"env", "team"}},
                                                  {"Null", "aws:TagKeys", {"false"}}}}});
  CHECK(decide(fixed, make_request("ec2:CreateTags")) == Decision::implicit_deny);
  CHECK(decide(fixed, make_request("ec2:CreateTags", "*", {{"aws:TagKeys", {"env"}}})) == Decision::allowed);
}

TEST_CASE("AWS example: S3 bucket policy denying insecure transport") {
  const auto p = make_policy(
      {{.effect = k_allow, .actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::amzn-s3-demo-bucket/*"},
        .principals = {{"AWS", "111122223333"}}},
       {.effect = k_deny, .actions = {"s3:*"},
        .resources = {"arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"},
        .principals = {{"AWS", "*"}}, .conditions = {{"Bool", "aws:SecureTransport", {"false"}}}}},
      policy::PolicyKind::resource);
  const std::string caller = "arn:aws:iam::111122223333:role/app";
  CHECK(decide(p, make_request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a", {{"aws:SecureTransport", {"true"}}},
                               caller)) == Decision::allowed);
  CHECK(decide(p, make_request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a",
                               {{"aws:SecureTransport", {"false"}}}, caller)) == Decision::explicit_deny);
}

TEST_CASE("evaluate over many policies skips null entries") {
  const auto p = make_policy({{.effect = k_allow, .actions = {"*"}, .resources = {"*"}}});
  const policy::Policy* const set[] = {nullptr, &p};
  CHECK(evaluate(set, make_request("s3:GetObject")).decision == Decision::allowed);
  CHECK(evaluate(std::span<const policy::Policy* const>{}, make_request("s3:GetObject")).decision ==
        Decision::implicit_deny);
}
