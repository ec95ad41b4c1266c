// Policy variables (iam-semantics §7, §11 items 4 and 12).
#include <doctest/doctest.h>

#include <policylint/eval/conditions.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/eval/variables.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace policylint;
using eval::Request;
using eval::substitute_variables;
using eval::VariableMode;

namespace {

Request user_request(std::string resource) {
  Request r;
  r.action = "s3:GetObject";
  r.resource = std::move(resource);
  r.set_context("aws:username", {"alice"});
  r.set_context("aws:PrincipalTag/team", {"blue"});
  return r;
}

policy::Policy home_policy(std::optional<std::string> version, std::string resource) {
  policy::Policy p;
  if (version) {
    p.version = policy::Text{*version, {}};
  }
  policy::Statement s;
  s.effect = policy::Effect::allow;
  s.action.present = true;
  s.action.values.push_back({"s3:GetObject", {}});
  s.resource.present = true;
  s.resource.values.push_back({std::move(resource), {}});
  p.statements.push_back(std::move(s));
  return p;
}

policy::Condition cond(std::string_view op, std::string key, std::vector<std::string> values) {
  policy::Condition c;
  c.operator_text.value = std::string(op);
  c.op = policy::parse_operator(op);
  REQUIRE(c.op.has_value());
  c.key.value = std::move(key);
  for (auto& v : values) {
    c.values.push_back(policy::ConditionValue{std::move(v), {}, policy::ValueType::string});
  }
  return c;
}

std::string literal(std::string_view text, const Request& r) {
  const auto out = substitute_variables(text, r, VariableMode::literal);
  REQUIRE(out.has_value());
  return *out;
}

} // namespace

TEST_CASE("variables: substitution with key names in any case") {
  const Request r = user_request("*");
  CHECK(eval::has_variable("home/${aws:username}/*"));
  CHECK_FALSE(eval::has_variable("home/$aws:username/*"));
  CHECK(literal("home/${aws:username}/", r) == "home/alice/");
  CHECK(literal("home/${AWS:UserName}/", r) == "home/alice/");
  CHECK(literal("${aws:PrincipalTag/team}-${aws:username}", r) == "blue-alice");
  CHECK(literal("no variables", r) == "no variables");
}

TEST_CASE("variables: defaults apply only when the key is absent") {
  const Request r = user_request("*");
  CHECK(literal("${aws:PrincipalTag/project, 'company-wide'}", r) == "company-wide");
  CHECK(literal("${aws:PrincipalTag/team, 'company-wide'}", r) == "blue");
  CHECK(literal("${aws:PrincipalTag/project, ''}x", r) == "x");
}

TEST_CASE("variables: missing key without default is unresolvable") {
  const Request r = user_request("*");
  CHECK_FALSE(substitute_variables("home/${aws:PrincipalTag/project}/", r, VariableMode::literal).has_value());
  // Multi-valued keys cannot be variables even when present.
  Request tags = r;
  tags.set_context("aws:TagKeys", {"a"});
  CHECK_FALSE(substitute_variables("${aws:TagKeys}", tags, VariableMode::literal).has_value());
  CHECK(literal("${aws:TagKeys, 'none'}", tags) == "none");
}

TEST_CASE("variables: escapes ${*} ${?} ${$} (§11.12)") {
  const Request r = user_request("*");
  CHECK(literal("a${*}b${?}c${$}d", r) == "a*b?c$d");
  const auto glob = substitute_variables("a${*}b*", r, VariableMode::glob);
  REQUIRE(glob.has_value());
  CHECK(*glob == "a\\*b*");
  const eval::GlobOptions escaped{.ignore_case = false, .escapes = true};
  CHECK(eval::glob_match(*glob, "a*bXYZ", escaped));
  CHECK_FALSE(eval::glob_match(*glob, "aXbXYZ", escaped));
}

TEST_CASE("variables: substituted values are literal, not wildcards") {
  Request r = user_request("*");
  r.set_context("aws:username", {"a*"});
  const auto glob = substitute_variables("home/${aws:username}/*", r, VariableMode::glob);
  REQUIRE(glob.has_value());
  const eval::GlobOptions escaped{.ignore_case = false, .escapes = true};
  CHECK(eval::glob_match(*glob, "home/a*/x", escaped));
  CHECK_FALSE(eval::glob_match(*glob, "home/alice/x", escaped));
  // Backslashes in the policy text stay literal in glob mode.
  const auto slash = substitute_variables("a\\b${aws:username}", r, VariableMode::glob);
  REQUIRE(slash.has_value());
  CHECK(eval::glob_match(*slash, "a\\ba*", escaped));
}

TEST_CASE("variables: malformed syntax stays literal") {
  const Request r = user_request("*");
  CHECK(literal("${aws:username", r) == "${aws:username");
  CHECK(literal("${}", r) == "${}");
  CHECK(literal("${aws:username, company}", r) == "${aws:username, company}");
  CHECK(literal("$${aws:username}", r) == "$alice");
}

TEST_CASE("variables: only the text after `from` is substituted") {
  const Request r = user_request("*");
  const auto out = substitute_variables("${aws:username}:${aws:username}", r, VariableMode::literal, 16);
  REQUIRE(out.has_value());
  CHECK(*out == "${aws:username}:alice");
}

TEST_CASE("variables in Resource: per-user home folders") {
  const auto policy = home_policy("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*");
  CHECK(eval::evaluate(policy, user_request("arn:aws:s3:::bucket/home/alice/notes.txt")).decision ==
        eval::Decision::allowed);
  CHECK(eval::evaluate(policy, user_request("arn:aws:s3:::bucket/home/bob/notes.txt")).decision ==
        eval::Decision::implicit_deny);
  // Without aws:username (e.g. a role session) the element does not match.
  Request role = user_request("arn:aws:s3:::bucket/home/alice/notes.txt");
  role.remove_context("aws:username");
  CHECK(eval::evaluate(policy, role).decision == eval::Decision::implicit_deny);
}

TEST_CASE("variables in Resource: a substituted `*` does not widen the grant") {
  const auto policy = home_policy("2012-10-17", "arn:aws:s3:::bucket/home/${aws:username}/*");
  Request r = user_request("arn:aws:s3:::bucket/home/bob/notes.txt");
  r.set_context("aws:username", {"*"});
  CHECK(eval::evaluate(policy, r).decision == eval::Decision::implicit_deny);
  r.resource = "arn:aws:s3:::bucket/home/*/notes.txt";
  CHECK(eval::evaluate(policy, r).decision == eval::Decision::allowed);
}

TEST_CASE("variables in Resource: only in the resource part") {
  const auto policy = home_policy("2012-10-17", "arn:aws:s3:${aws:username}::bucket/*");
  Request r = user_request("arn:aws:s3:alice::bucket/x");
  CHECK(eval::evaluate(policy, r).decision == eval::Decision::implicit_deny);
  r.resource = "arn:aws:s3:${aws:username}::bucket/x";
  CHECK(eval::evaluate(policy, r).decision == eval::Decision::allowed);
}

TEST_CASE("variables are literal text under 2008-10-17 or without Version (§11.4)") {
  for (const auto& version : {std::optional<std::string>("2008-10-17"), std::optional<std::string>()}) {
    const auto policy = home_policy(version, "arn:aws:s3:::bucket/home/${aws:username}/*");
    CHECK(eval::evaluate(policy, user_request("arn:aws:s3:::bucket/home/alice/x")).decision ==
          eval::Decision::implicit_deny);
    CHECK(eval::evaluate(policy, user_request("arn:aws:s3:::bucket/home/${aws:username}/x")).decision ==
          eval::Decision::allowed);
  }
}

TEST_CASE("variables in conditions: String and Arn operators") {
  Request r = user_request("*");
  r.set_context("s3:prefix", {"home/alice/photos"});
  r.set_context("aws:ResourceTag/owner", {"alice"});
  r.set_context("aws:PrincipalArn", {"arn:aws:iam::111122223333:user/alice"});
  CHECK(eval::condition_matches(cond("StringLike", "s3:prefix", {"home/${aws:username}/*"}), r, true));
  CHECK_FALSE(eval::condition_matches(cond("StringLike", "s3:prefix", {"home/${aws:username}/*"}), r, false));
  CHECK(eval::condition_matches(cond("StringEquals", "aws:ResourceTag/owner", {"${aws:username}"}), r, true));
  CHECK_FALSE(eval::condition_matches(cond("StringNotEquals", "aws:ResourceTag/owner", {"${aws:username}"}), r, true));
  CHECK(eval::condition_matches(
      cond("ArnLike", "aws:PrincipalArn", {"arn:aws:iam::111122223333:user/${aws:username}"}), r, true));
  // Default values inside conditions.
  CHECK(eval::condition_matches(
      cond("StringEquals", "aws:ResourceTag/owner", {"${aws:PrincipalTag/owner, 'alice'}"}), r, true));
}

TEST_CASE("variables in conditions: Numeric, Date and IP values are never substituted") {
  Request r = user_request("*");
  r.set_context("k:limit", {"${aws:username}"});
  r.set_context("aws:SourceIp", {"192.0.2.1"});
  r.set_context("k:ip", {"192.0.2.1"});
  CHECK_FALSE(eval::condition_matches(cond("NumericEquals", "k:limit", {"${aws:username}"}), r, true));
  CHECK_FALSE(eval::condition_matches(cond("IpAddress", "aws:SourceIp", {"${k:ip}"}), r, true));
}

TEST_CASE("variables in conditions: unresolvable variable makes the condition false") {
  Request r = user_request("*");
  r.set_context("aws:ResourceTag/owner", {"alice"});
  CHECK_FALSE(
      eval::condition_matches(cond("StringEquals", "aws:ResourceTag/owner", {"${aws:PrincipalTag/owner}"}), r, true));
  // Even for negated operators and with other matching values.
  CHECK_FALSE(
      eval::condition_matches(cond("StringNotEquals", "aws:ResourceTag/owner", {"${aws:PrincipalTag/owner}"}), r, true));
  CHECK_FALSE(eval::condition_matches(
      cond("StringEquals", "aws:ResourceTag/owner", {"alice", "${aws:PrincipalTag/owner}"}), r, true));
  // The absent-key rule is decided before values are looked at.
  r.remove_context("aws:ResourceTag/owner");
  CHECK(eval::condition_matches(cond("StringNotEquals", "aws:ResourceTag/owner", {"${aws:PrincipalTag/owner}"}), r,
                                true));
}

TEST_CASE("variables in Bool values are accepted (documented choice, §6.2 footnote)") {
  Request r = user_request("*");
  r.set_context("aws:SecureTransport", {"true"});
  r.set_context("aws:PrincipalTag/requiretls", {"TRUE"});
  CHECK(eval::condition_matches(cond("Bool", "aws:SecureTransport", {"${aws:PrincipalTag/requiretls}"}), r, true));
  r.set_context("aws:PrincipalTag/requiretls", {"false"});
  CHECK_FALSE(eval::condition_matches(cond("Bool", "aws:SecureTransport", {"${aws:PrincipalTag/requiretls}"}), r, true));
  CHECK(eval::condition_matches(cond("Bool", "aws:SecureTransport", {"${aws:PrincipalTag/none, 'true'}"}), r, true));
}
