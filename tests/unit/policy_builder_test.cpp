// The policy model builder: normalisation, condition flattening, source ranges, every
// StructuralIssue rule with realistic bad policies, and kind detection
// (iam-semantics §1, §11 items 21-22).
#include <doctest/doctest.h>

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <string>
#include <string_view>
#include <vector>

using policylint::SourceFile;
using policylint::SourceRange;
using policylint::policy::BuildOptions;
using policylint::policy::BuildResult;
using policylint::policy::Effect;
using policylint::policy::Op;
using policylint::policy::PolicyKind;
using policylint::policy::SetQualifier;
using policylint::policy::ValueType;

namespace {

struct Built {
  std::string text;
  BuildResult result;

  [[nodiscard]] const policylint::policy::Policy& policy() const { return result.policy; }

  // The source text a range covers.
  [[nodiscard]] std::string slice(SourceRange r) const {
    REQUIRE(r.begin <= r.end);
    REQUIRE(r.end <= text.size());
    return text.substr(r.begin, r.end - r.begin);
  }

  // Every issue as "rule <source text>", in the order reported.
  [[nodiscard]] std::vector<std::string> issues() const {
    std::vector<std::string> out;
    for (const auto& i : result.issues) {
      out.push_back(i.rule + " " + slice(i.range));
    }
    return out;
  }

  [[nodiscard]] std::vector<SourceRange> ranges_of(std::string_view rule) const {
    std::vector<SourceRange> out;
    for (const auto& i : result.issues) {
      if (i.rule == rule) {
        out.push_back(i.range);
      }
    }
    return out;
  }

  [[nodiscard]] std::string message_of(std::string_view rule) const {
    for (const auto& i : result.issues) {
      if (i.rule == rule) {
        return i.message;
      }
    }
    return {};
  }

  [[nodiscard]] std::uint32_t offset(std::string_view needle, std::size_t from = 0) const {
    const auto at = text.find(needle, from);
    REQUIRE_MESSAGE(at != std::string::npos, "not in the policy: " << needle);
    return static_cast<std::uint32_t>(at);
  }

  // The range of the n-th (0-based) occurrence of `needle`.
  [[nodiscard]] SourceRange range(std::string_view needle, int nth = 0) const {
    std::size_t at = text.find(needle);
    for (int i = 0; i < nth && at != std::string::npos; ++i) {
      at = text.find(needle, at + 1);
    }
    REQUIRE_MESSAGE(at != std::string::npos, "not in the policy: " << needle);
    return SourceRange{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
  }
};

Built build(std::string text, BuildOptions options = {}) {
  const SourceFile file("policy.json", text);
  auto root = policylint::json::parse(file);
  if (!root) {
    FAIL("the test policy is not valid JSON: " << root.error().message);
  }
  REQUIRE(root.has_value());
  Built b{std::move(text), policylint::policy::build_policy(*root, options)};
  return b;
}

Built build_as(PolicyKind kind, std::string text) {
  BuildOptions options;
  options.forced_kind = kind;
  return build(std::move(text), options);
}

using Strings = std::vector<std::string>;

} // namespace

// ---------------------------------------------------------------------------------------------
// A clean policy and normalisation
// ---------------------------------------------------------------------------------------------

TEST_CASE("builder: a clean identity policy builds without issues, with exact ranges") {
  const Built b = build(R"({
  "Version": "2012-10-17",
  "Id": "S3ReadOnly",
  "Statement": [
    {
      "Sid": "ListBuckets",
      "Effect": "Allow",
      "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
      "Resource": "arn:aws:s3:::example-reports"
    },
    {
      "Sid": "ReadObjects",
      "Effect": "Deny",
      "NotAction": "s3:GetObject",
      "NotResource": ["arn:aws:s3:::example-reports/*"]
    }
  ]
})");
  CHECK(b.issues() == Strings{});
  const auto& p = b.policy();
  CHECK(p.kind == PolicyKind::identity);
  CHECK_FALSE(p.kind_was_forced);
  REQUIRE(p.version.has_value());
  CHECK(p.version->value == "2012-10-17");
  CHECK(b.slice(p.version->range) == R"("2012-10-17")");
  CHECK(p.variables_enabled());
  REQUIRE(p.id.has_value());
  CHECK(p.id->value == "S3ReadOnly");
  CHECK(b.slice(p.statement_key_range) == R"("Statement")");
  CHECK(p.range.begin == 0);
  CHECK(p.range.end == b.text.size());
  REQUIRE(p.statements.size() == 2);

  const auto& s0 = p.statements[0];
  CHECK(s0.index == 0);
  CHECK(s0.label() == "ListBuckets");
  CHECK(s0.evaluable);
  CHECK(s0.range.begin == b.offset("{\n      \"Sid\": \"ListBuckets\""));
  CHECK(b.slice(s0.range).ends_with("\"arn:aws:s3:::example-reports\"\n    }"));
  REQUIRE(s0.sid.has_value());
  CHECK(b.slice(s0.sid->range) == R"("ListBuckets")");
  CHECK(s0.effect == Effect::allow);
  CHECK(b.slice(s0.effect_range) == R"("Allow")");
  CHECK(s0.action.present);
  CHECK_FALSE(s0.action.negated);
  CHECK(b.slice(s0.action.key_range) == R"("Action")");
  REQUIRE(s0.action.values.size() == 2);
  CHECK(s0.action.values[0].value == "s3:ListBucket");
  CHECK(s0.action.values[0].range == b.range(R"("s3:ListBucket")"));
  CHECK(s0.action.values[1].value == "s3:GetBucketLocation");
  CHECK(s0.action.values[1].range == b.range(R"("s3:GetBucketLocation")"));
  // A single string is a one-element list, with the range of that string.
  CHECK(s0.resource.present);
  CHECK_FALSE(s0.resource.negated);
  REQUIRE(s0.resource.values.size() == 1);
  CHECK(s0.resource.values[0].value == "arn:aws:s3:::example-reports");
  CHECK(s0.resource.values[0].range == b.range(R"("arn:aws:s3:::example-reports")"));
  CHECK_FALSE(s0.principal.present);
  CHECK(s0.conditions.empty());

  const auto& s1 = p.statements[1];
  CHECK(s1.index == 1);
  CHECK(s1.effect == Effect::deny);
  CHECK(s1.action.negated);
  CHECK(b.slice(s1.action.key_range) == R"("NotAction")");
  REQUIRE(s1.action.values.size() == 1);
  CHECK(s1.action.values[0].value == "s3:GetObject");
  CHECK(s1.resource.negated);
  CHECK(b.slice(s1.resource.key_range) == R"("NotResource")");
  REQUIRE(s1.resource.values.size() == 1);
  CHECK(b.slice(s1.resource.values[0].range) == R"("arn:aws:s3:::example-reports/*")");
}

TEST_CASE("builder: Statement as a single object is a one-statement list") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"}})");
  CHECK(b.issues() == Strings{});
  REQUIRE(b.policy().statements.size() == 1);
  const auto& st = b.policy().statements[0];
  CHECK(st.index == 0);
  CHECK(st.label() == "#1");
  CHECK(b.slice(st.range) == R"({"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"})");
  REQUIRE(st.action.values.size() == 1);
  CHECK(st.action.values[0].value == "ec2:DescribeInstances");
}

TEST_CASE("builder: \"Principal\": \"*\" becomes {\"AWS\": [\"*\"]}, typed principals are flattened in order") {
  const Built b = build(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-site/*"},
    {"Sid": "Partners", "Effect": "Allow",
     "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "cloudfront.amazonaws.com",
                   "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
     "Action": "s3:PutObject", "Resource": "arn:aws:s3:::example-site/uploads/*"}
  ]
})");
  CHECK(b.issues() == Strings{});
  CHECK(b.policy().kind == PolicyKind::resource);
  REQUIRE(b.policy().statements.size() == 2);
  const auto& star = b.policy().statements[0].principal;
  CHECK(star.present);
  CHECK_FALSE(star.negated);
  CHECK(b.slice(star.key_range) == R"("Principal")");
  REQUIRE(star.values.size() == 1);
  CHECK(star.values[0].type == "AWS");
  CHECK(star.values[0].value.value == "*");
  CHECK(star.values[0].value.range == b.range(R"("*")"));

  const auto& typed = b.policy().statements[1].principal;
  REQUIRE(typed.values.size() == 4);
  CHECK(typed.values[0].type == "AWS");
  CHECK(typed.values[0].value.value == "arn:aws:iam::111122223333:root");
  CHECK(typed.values[0].value.range == b.range(R"("arn:aws:iam::111122223333:root")"));
  CHECK(typed.values[1].type == "AWS");
  CHECK(typed.values[1].value.value == "444455556666");
  CHECK(typed.values[2].type == "Service");
  CHECK(typed.values[2].value.value == "cloudfront.amazonaws.com");
  CHECK(typed.values[3].type == "CanonicalUser");
  CHECK(b.slice(typed.values[3].value.range).starts_with("\"79a59df9"));
}

TEST_CASE("builder: NotPrincipal sets the negated flag") {
  const Built b = build(R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyAllButAdmins", "Effect": "Deny",
    "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:root"]},
    "Action": "s3:*",
    "Resource": ["arn:aws:s3:::example-vault", "arn:aws:s3:::example-vault/*"]
  }]
})");
  CHECK(b.issues() == Strings{});
  const auto& pr = b.policy().statements.at(0).principal;
  CHECK(pr.present);
  CHECK(pr.negated);
  CHECK(b.slice(pr.key_range) == R"("NotPrincipal")");
  REQUIRE(pr.values.size() == 2);
  CHECK(pr.values[0].value.value == "arn:aws:iam::111122223333:role/Admin");
  CHECK(b.policy().kind == PolicyKind::resource);
}

// ---------------------------------------------------------------------------------------------
// Conditions
// ---------------------------------------------------------------------------------------------

TEST_CASE("builder: a Condition block flattens to one condition per operator x key, values typed") {
  const Built b = build(R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "TeamBucketsFromOffice",
    "Effect": "Allow",
    "Action": "s3:ListBucket",
    "Resource": "arn:aws:s3:::example-team-*",
    "Condition": {
      "StringEquals": {"aws:PrincipalTag/team": ["blue", "green"], "aws:RequestedRegion": "eu-west-1"},
      "ForAnyValue:StringLikeIfExists": {"s3:prefix": "home/${aws:username}/*"},
      "NumericLessThanEquals": {"s3:max-keys": 100},
      "Bool": {"aws:SecureTransport": true, "aws:MultiFactorAuthPresent": "true"},
      "NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "2001:db8::/32"]}
    }
  }]
})");
  CHECK(b.issues() == Strings{});
  const auto& st = b.policy().statements.at(0);
  CHECK(st.evaluable);
  CHECK(b.slice(st.condition_range) == R"("Condition")");
  std::vector<std::string> pairs;
  for (const auto& c : st.conditions) {
    pairs.push_back(c.operator_text.value + " / " + c.key.value);
  }
  CHECK(pairs == Strings{"StringEquals / aws:PrincipalTag/team", "StringEquals / aws:RequestedRegion",
                         "ForAnyValue:StringLikeIfExists / s3:prefix", "NumericLessThanEquals / s3:max-keys",
                         "Bool / aws:SecureTransport", "Bool / aws:MultiFactorAuthPresent",
                         "NotIpAddress / aws:SourceIp"});
  REQUIRE(st.conditions.size() == 7);

  const auto& team = st.conditions[0];
  CHECK(team.operator_text.range == b.range(R"("StringEquals")"));
  REQUIRE(team.op.has_value());
  CHECK(team.op->op == Op::string_equals);
  CHECK(team.op->qualifier == SetQualifier::none);
  CHECK_FALSE(team.op->if_exists);
  CHECK(team.key.range == b.range(R"("aws:PrincipalTag/team")"));
  REQUIRE(team.values.size() == 2);
  CHECK(team.values[0].text == "blue");
  CHECK(team.values[0].type == ValueType::string);
  CHECK(team.values[0].range == b.range(R"("blue")"));
  CHECK(team.values[1].text == "green");
  CHECK(team.values[1].range == b.range(R"("green")"));

  const auto& region = st.conditions[1];
  CHECK(region.operator_text.range == team.operator_text.range); // the same operator token
  REQUIRE(region.values.size() == 1);                              // a scalar is a one-element list
  CHECK(region.values[0].text == "eu-west-1");
  CHECK(region.values[0].range == b.range(R"("eu-west-1")"));

  const auto& prefix = st.conditions[2];
  REQUIRE(prefix.op.has_value());
  CHECK(prefix.op->op == Op::string_like);
  CHECK(prefix.op->qualifier == SetQualifier::for_any_value);
  CHECK(prefix.op->if_exists);
  REQUIRE(prefix.values.size() == 1);
  CHECK(prefix.values[0].text == "home/${aws:username}/*");

  const auto& keys = st.conditions[3];
  REQUIRE(keys.op.has_value());
  CHECK(keys.op->op == Op::numeric_less_than_equals);
  REQUIRE(keys.values.size() == 1);
  CHECK(keys.values[0].text == "100");
  CHECK(keys.values[0].type == ValueType::number);
  CHECK(keys.values[0].range == b.range("100"));

  const auto& secure = st.conditions[4];
  REQUIRE(secure.op.has_value());
  CHECK(secure.op->op == Op::boolean);
  REQUIRE(secure.values.size() == 1);
  CHECK(secure.values[0].text == "true");
  CHECK(secure.values[0].type == ValueType::boolean);
  CHECK(secure.values[0].range.begin == b.offset(": true") + 2);
  CHECK(b.slice(secure.values[0].range) == "true");

  const auto& mfa = st.conditions[5];
  REQUIRE(mfa.values.size() == 1);
  CHECK(mfa.values[0].text == "true");
  CHECK(mfa.values[0].type == ValueType::string);
  CHECK(b.slice(mfa.values[0].range) == R"("true")");

  const auto& ip = st.conditions[6];
  REQUIRE(ip.op.has_value());
  CHECK(ip.op->op == Op::not_ip_address);
  REQUIRE(ip.values.size() == 2);
  CHECK(ip.values[1].text == "2001:db8::/32");
}

// ---------------------------------------------------------------------------------------------
// malformed-policy
// ---------------------------------------------------------------------------------------------

TEST_CASE("malformed-policy: a statement without Effect is not evaluable, reported at its brace") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "ReadReports", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-reports/*"}
]})");
  CHECK(b.issues() == Strings{"malformed-policy {"});
  CHECK(b.ranges_of("malformed-policy").at(0).begin == b.offset(R"({"Sid": "ReadReports")"));
  CHECK(b.message_of("malformed-policy").find("ReadReports") != std::string::npos);
  const auto& st = b.policy().statements.at(0);
  CHECK_FALSE(st.effect.has_value());
  CHECK_FALSE(st.evaluable);
}

TEST_CASE("malformed-policy: Effect in the wrong case or not a string is invalid") {
  SUBCASE("\"allow\"") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]})");
    CHECK(b.issues() == Strings{R"(malformed-policy "allow")"});
    const auto& st = b.policy().statements.at(0);
    CHECK_FALSE(st.effect.has_value());
    CHECK(b.slice(st.effect_range) == R"("allow")");
    CHECK_FALSE(st.evaluable);
  }
  SUBCASE("\"DENY\"") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "DENY", "Action": "iam:*", "Resource": "*"}]})");
    CHECK(b.issues() == Strings{R"(malformed-policy "DENY")"});
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
  }
  SUBCASE("\"NotAllow\"") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "NotAllow", "Action": "s3:*", "Resource": "*"}]})");
    CHECK(b.issues() == Strings{R"(malformed-policy "NotAllow")"});
  }
  SUBCASE("true") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": true, "Action": "s3:*", "Resource": "*"}]})");
    CHECK(b.issues() == Strings{"malformed-policy true"});
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
  }
}

TEST_CASE("malformed-policy: Action together with NotAction, reported at the second of the pair") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject", "NotAction": "iam:*", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{R"(malformed-policy "NotAction")"});
  const auto& st = b.policy().statements.at(0);
  CHECK_FALSE(st.evaluable);
  CHECK_FALSE(st.action.negated); // the first of the pair is kept
  REQUIRE(st.action.values.size() == 1);
  CHECK(st.action.values[0].value == "s3:GetObject");
}

TEST_CASE("malformed-policy: Resource together with NotResource") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::example-logs/*", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{R"(malformed-policy "Resource")"});
  CHECK_FALSE(b.policy().statements.at(0).evaluable);
}

TEST_CASE("malformed-policy: a statement without Action or NotAction") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Sid": "Logs", "Effect": "Allow", "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:app:*"}]})");
  CHECK(b.issues() == Strings{"malformed-policy {"});
  CHECK(b.message_of("malformed-policy").find("Action") != std::string::npos);
  CHECK_FALSE(b.policy().statements.at(0).action.present);
  CHECK_FALSE(b.policy().statements.at(0).evaluable);
}

TEST_CASE("malformed-policy: an identity policy statement without Resource or NotResource") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Describe", "Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
  {"Sid": "Terminate", "Effect": "Allow", "Action": "ec2:TerminateInstances"}
]})");
  CHECK(b.policy().kind == PolicyKind::identity);
  CHECK(b.issues() == Strings{"malformed-policy {"});
  CHECK(b.ranges_of("malformed-policy").at(0).begin == b.offset(R"({"Sid": "Terminate")"));
  CHECK(b.policy().statements.at(0).evaluable);
  CHECK_FALSE(b.policy().statements.at(1).evaluable);
}

TEST_CASE("malformed-policy: unknown elements in a statement and at the root") {
  const Built b = build(R"({"Version": "2012-10-17", "Statements": [], "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condtion": {"Bool": {"aws:SecureTransport": "true"}}}]})");
  CHECK(b.issues() == Strings{R"(malformed-policy "Statements")", R"(malformed-policy "Condtion")"});
  CHECK(b.message_of("malformed-policy").find("unknown element") != std::string::npos);
  CHECK_FALSE(b.policy().statements.at(0).evaluable);
  CHECK(b.policy().statements.at(0).conditions.empty());
}

TEST_CASE("malformed-policy: element names are case-sensitive (\"effect\", \"version\")") {
  const Built b = build(R"({"version": "2012-10-17", "Statement": [{"effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{R"(malformed-policy "version")", "version-missing-or-legacy {",
                              R"(malformed-policy "effect")", "malformed-policy {"});
  bool spelled = false;
  for (const auto& i : b.result.issues) {
    spelled = spelled || i.message.find("must be spelled \"Effect\"") != std::string::npos;
  }
  CHECK(spelled);
  CHECK_FALSE(b.policy().version.has_value());
  CHECK_FALSE(b.policy().statements.at(0).evaluable);
}

TEST_CASE("malformed-policy: \"Statement\": \"oops\"") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": "oops"})");
  CHECK(b.issues() == Strings{R"(malformed-policy "oops")"});
  CHECK(b.policy().statements.empty());
  CHECK(b.slice(b.policy().statement_key_range) == R"("Statement")");
}

TEST_CASE("malformed-policy: a policy without Statement") {
  const Built b = build(R"({"Version": "2012-10-17", "Id": "Empty"})");
  CHECK(b.issues() == Strings{"malformed-policy {"});
  CHECK(b.ranges_of("malformed-policy").at(0) == SourceRange{0, 1});
}

TEST_CASE("malformed-policy: a statement that is a number or a string, the others still build") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [42, "s3:GetObject",
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{"malformed-policy 42", R"(malformed-policy "s3:GetObject")"});
  REQUIRE(b.policy().statements.size() == 1);
  CHECK(b.policy().statements[0].evaluable);
}

TEST_CASE("builder: a statement's index and label are its position in the Statement list") {
  // Findings say "statement #3": that must be the third entry the user wrote, even when
  // entries before it are not objects.
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [42, "oops",
  {"Action": "s3:GetObject", "Resource": "*"}]})");
  REQUIRE(b.policy().statements.size() == 1);
  CHECK(b.policy().statements[0].index == 2);
  CHECK(b.policy().statements[0].label() == "#3");
  CHECK(b.issues() == Strings{"malformed-policy 42", R"(malformed-policy "oops")", "malformed-policy {"});
  CHECK(b.message_of("malformed-policy").find("#3") == std::string::npos); // the first message is about 42
  bool names_third = false;
  for (const auto& i : b.result.issues) {
    names_third = names_third || i.message.find("statement #3 has no \"Effect\"") != std::string::npos;
  }
  CHECK(names_third);
}

TEST_CASE("malformed-policy: a root that is not an object") {
  SUBCASE("an array of statements") {
    const Built b = build(R"([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}])");
    CHECK(b.issues() == Strings{R"(malformed-policy [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}])"});
    CHECK(b.policy().statements.empty());
  }
  SUBCASE("a string") {
    const Built b = build(R"("x")");
    CHECK(b.issues() == Strings{R"(malformed-policy "x")"});
  }
  SUBCASE("null") {
    const Built b = build("null");
    CHECK(b.issues() == Strings{"malformed-policy null"});
  }
  SUBCASE("an empty array") {
    const Built b = build("[]");
    CHECK(b.issues() == Strings{"malformed-policy []"});
  }
}

TEST_CASE("malformed-policy: \"Action\": 42 and other non-string list entries") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": 42, "Resource": ["arn:aws:s3:::example-data/*", {"Ref": "Bucket"}]}]})");
  CHECK(b.issues() == Strings{"malformed-policy 42", R"(malformed-policy {"Ref": "Bucket"})"});
  const auto& st = b.policy().statements.at(0);
  CHECK_FALSE(st.evaluable);
  CHECK(st.action.present);
  CHECK(st.action.values.empty());
  REQUIRE(st.resource.values.size() == 1);
  CHECK(st.resource.values[0].value == "arn:aws:s3:::example-data/*");
}

TEST_CASE("malformed-policy: condition values that are objects, nested arrays or null") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {
    "StringEquals": {"aws:PrincipalTag/team": {"team": "blue"}, "aws:RequestedRegion": [["eu-west-1"], "eu-central-1"]},
    "Null": {"aws:TokenIssueTime": null}
  }}]})");
  CHECK(b.issues() == Strings{R"(malformed-policy {"team": "blue"})", R"(malformed-policy ["eu-west-1"])",
                              "malformed-policy null"});
  const auto& st = b.policy().statements.at(0);
  CHECK_FALSE(st.evaluable);
  // The valid value next to the nested array is kept.
  REQUIRE(st.conditions.size() == 3);
  REQUIRE(st.conditions[1].values.size() == 1);
  CHECK(st.conditions[1].values[0].text == "eu-central-1");
}

TEST_CASE("malformed-policy: the values of one condition key mix JSON types") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {
    "StringEquals": {"aws:PrincipalTag/team": ["blue", 7, "green"], "aws:RequestedRegion": ["eu-west-1", "eu-central-1"]},
    "Bool": {"aws:SecureTransport": [true, "true"]},
    "NumericLessThan": {"s3:max-keys": [10, 20]}
  }}]})");
  // Reported at the first value whose type differs from the first one's; same-typed lists pass.
  CHECK(b.issues() == Strings{"malformed-policy 7", R"(malformed-policy "true")"});
  // The statement stays evaluable: every value still has a text to compare.
  CHECK(b.policy().statements.at(0).evaluable);
}

TEST_CASE("malformed-policy: a Condition that is not an object, an operator that maps to a string") {
  SUBCASE("Condition is a string") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
      "Condition": "aws:SecureTransport=false"}]})");
    CHECK(b.issues() == Strings{R"(malformed-policy "aws:SecureTransport=false")"});
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
    CHECK(b.slice(b.policy().statements.at(0).condition_range) == R"("Condition")");
  }
  SUBCASE("operator maps to a string") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
      "Condition": {"Bool": "aws:SecureTransport"}}]})");
    CHECK(b.issues() == Strings{R"(malformed-policy "aws:SecureTransport")"});
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
    CHECK(b.policy().statements.at(0).conditions.empty());
  }
}

TEST_CASE("malformed-policy: Id that is not a string") {
  const Built b = build(R"({"Version": "2012-10-17", "Id": 7, "Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{"malformed-policy 7"});
  CHECK_FALSE(b.policy().id.has_value());
  CHECK(b.policy().statements.at(0).evaluable);
}

// ---------------------------------------------------------------------------------------------
// duplicate-json-key
// ---------------------------------------------------------------------------------------------

TEST_CASE("duplicate-json-key: two Condition blocks in one statement") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*",
  "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}},
  "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]})");
  CHECK(b.issues() == Strings{R"(duplicate-json-key "Condition")"});
  CHECK(b.ranges_of("duplicate-json-key").at(0) == b.range(R"("Condition")", 1));
}

TEST_CASE("duplicate-json-key: the same operator twice in one Condition block") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Deny", "Action": "s3:*", "Resource": "*",
  "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"},
                "StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]})");
  CHECK(b.issues() == Strings{R"(duplicate-json-key "StringNotEquals")"});
  CHECK(b.ranges_of("duplicate-json-key").at(0) == b.range(R"("StringNotEquals")", 1));
}

TEST_CASE("duplicate-json-key: condition keys that differ only by case") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Deny", "Action": "s3:*", "Resource": "*",
  "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-111bbb22", "aws:sourcevpc": "vpc-333ccc44"}}}]})");
  CHECK(b.issues() == Strings{R"(duplicate-json-key "aws:sourcevpc")"});
  CHECK(b.message_of("duplicate-json-key").find("aws:SourceVpc") != std::string::npos);
  // Both pairs are in the model: the issue, not the parser, decides.
  CHECK(b.policy().statements.at(0).conditions.size() == 2);
}

TEST_CASE("duplicate-json-key: an exact duplicate condition key is reported once") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
  "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1", "aws:RequestedRegion": "us-east-1"}}}]})");
  CHECK(b.issues() == Strings{R"(duplicate-json-key "aws:RequestedRegion")"});
  CHECK(b.ranges_of("duplicate-json-key").at(0) == b.range(R"("aws:RequestedRegion")", 1));
}

TEST_CASE("duplicate-json-key: duplicate Effect and duplicate Statement, at every depth") {
  const Built b = build(R"({"Version": "2012-10-17",
  "Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}],
  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{R"(duplicate-json-key "Statement")", R"(duplicate-json-key "Effect")"});
  CHECK(b.ranges_of("duplicate-json-key").at(1) == b.range(R"("Effect")", 1));
}

// ---------------------------------------------------------------------------------------------
// version-missing-or-legacy
// ---------------------------------------------------------------------------------------------

TEST_CASE("version-missing-or-legacy") {
  const std::string statement = R"("Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}])";
  SUBCASE("missing: reported at the policy's brace; variables are not substituted") {
    const Built b = build("{" + statement + "}");
    CHECK(b.issues() == Strings{"version-missing-or-legacy {"});
    CHECK(b.ranges_of("version-missing-or-legacy").at(0) == SourceRange{0, 1});
    CHECK_FALSE(b.policy().version.has_value());
    CHECK_FALSE(b.policy().variables_enabled());
  }
  SUBCASE("2008-10-17") {
    const Built b = build(R"({"Version": "2008-10-17", )" + statement + "}");
    CHECK(b.issues() == Strings{R"(version-missing-or-legacy "2008-10-17")"});
    CHECK_FALSE(b.policy().variables_enabled());
  }
  SUBCASE("2012-10-18 is not a version") {
    const Built b = build(R"({"Version": "2012-10-18", )" + statement + "}");
    CHECK(b.issues() == Strings{R"(version-missing-or-legacy "2012-10-18")"});
    CHECK_FALSE(b.policy().variables_enabled());
  }
  SUBCASE("a number") {
    const Built b = build(R"({"Version": 20121017, )" + statement + "}");
    CHECK(b.issues() == Strings{"version-missing-or-legacy 20121017"});
    CHECK_FALSE(b.policy().variables_enabled());
  }
  SUBCASE("2012-10-17 is clean") {
    const Built b = build(R"({"Version": "2012-10-17", )" + statement + "}");
    CHECK(b.issues() == Strings{});
    CHECK(b.policy().variables_enabled());
  }
}

// ---------------------------------------------------------------------------------------------
// sid-invalid-or-duplicate
// ---------------------------------------------------------------------------------------------

TEST_CASE("sid-invalid-or-duplicate: characters outside [A-Za-z0-9] in an identity policy, duplicates, non-strings") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read Only", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "ListAll", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"},
  {"Sid": "ListAll", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
  {"Sid": 7, "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"},
  {"Sid": "Allow_Logs", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}
]})");
  CHECK(b.issues() == Strings{"sid-invalid-or-duplicate 7", R"(sid-invalid-or-duplicate "Read Only")",
                              R"(sid-invalid-or-duplicate "ListAll")", R"(sid-invalid-or-duplicate "Allow_Logs")"});
  // The duplicate is the second ListAll.
  CHECK(b.ranges_of("sid-invalid-or-duplicate").at(2) == b.range(R"("ListAll")", 1));
  CHECK_FALSE(b.policy().statements.at(3).sid.has_value());
  CHECK(b.policy().statements.at(3).label() == "#4");
}

TEST_CASE("sid-invalid-or-duplicate: resource policies allow more characters, but not duplicates") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Allow-Public-Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-site/*"},
  {"Sid": "Allow-Public-Read", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObjectVersion", "Resource": "arn:aws:s3:::example-site/*"}
]})");
  CHECK(b.policy().kind == PolicyKind::resource);
  CHECK(b.issues() == Strings{R"(sid-invalid-or-duplicate "Allow-Public-Read")"});
  CHECK(b.ranges_of("sid-invalid-or-duplicate").at(0) == b.range(R"("Allow-Public-Read")", 1));
}

// ---------------------------------------------------------------------------------------------
// unknown-condition-operator
// ---------------------------------------------------------------------------------------------

TEST_CASE("unknown-condition-operator: StringEqual, NullIfExists, stringequals make the statement invalid") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {
    "StringEqual": {"aws:PrincipalTag/team": "blue"},
    "NullIfExists": {"aws:TokenIssueTime": "true"},
    "stringequals": {"aws:RequestedRegion": "eu-west-1"},
    "ForAllValue:StringEquals": {"aws:TagKeys": "team"},
    "StringEqualsIfExists": {"aws:ResourceTag/team": "blue"}
  }}]})");
  CHECK(b.issues() == Strings{R"(unknown-condition-operator "StringEqual")", R"(unknown-condition-operator "NullIfExists")",
                              R"(unknown-condition-operator "stringequals")",
                              R"(unknown-condition-operator "ForAllValue:StringEquals")"});
  bool null_hint = false;
  for (const auto& i : b.result.issues) {
    null_hint = null_hint || i.message.find("Null cannot take IfExists") != std::string::npos;
  }
  CHECK(null_hint);
  const auto& st = b.policy().statements.at(0);
  CHECK_FALSE(st.evaluable);
  REQUIRE(st.conditions.size() == 5);
  CHECK_FALSE(st.conditions[0].op.has_value());
  CHECK(st.conditions[0].operator_text.value == "StringEqual");
  CHECK(st.conditions[0].key.value == "aws:PrincipalTag/team");
  CHECK_FALSE(st.conditions[1].op.has_value());
  CHECK_FALSE(st.conditions[2].op.has_value());
  CHECK_FALSE(st.conditions[3].op.has_value());
  REQUIRE(st.conditions[4].op.has_value());
  CHECK(st.conditions[4].op->op == Op::string_equals);
  CHECK(st.conditions[4].op->if_exists);
}

// ---------------------------------------------------------------------------------------------
// invalid-arn
// ---------------------------------------------------------------------------------------------

TEST_CASE("invalid-arn: resources that are not ARNs, or have empty partition or service") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "s3:GetObject",
  "Resource": ["arn:aws:s3:example-bucket/*", "example-bucket", "arn::s3:::example-bucket", "arn:aws::::example",
               "arn:aws:s3:::example-bucket/*", "arn:aws:s3:::home/${aws:username}/*", "*",
               "arn:aws-cn:dynamodb:cn-north-1:111122223333:table/Books", "arn:aws:iam::*"]}]})");
  CHECK(b.issues() == Strings{R"(invalid-arn "arn:aws:s3:example-bucket/*")", R"(invalid-arn "example-bucket")",
                              R"(invalid-arn "arn::s3:::example-bucket")", R"(invalid-arn "arn:aws::::example")"});
  // The model keeps every value; the statement stays evaluable (IAM matches the text).
  CHECK(b.policy().statements.at(0).resource.values.size() == 9);
}

TEST_CASE("invalid-arn: NotResource values are checked too") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::example-logs", "s3://example-logs/*"]}]})");
  CHECK(b.issues() == Strings{R"(invalid-arn "s3://example-logs/*")"});
}

TEST_CASE("invalid-arn: a principal ARN with too few parts") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam:111122223333:root"},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-share/*"}]})");
  CHECK(b.issues() == Strings{R"(invalid-arn "arn:aws:iam:111122223333:root")"});
}

// ---------------------------------------------------------------------------------------------
// principal-misplaced-or-invalid
// ---------------------------------------------------------------------------------------------

TEST_CASE("principal-misplaced-or-invalid: Principal in an identity policy") {
  const Built b = build_as(PolicyKind::identity, R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}]})");
  CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "Principal")"});
  CHECK(b.policy().kind == PolicyKind::identity);
  CHECK(b.policy().kind_was_forced);
}

TEST_CASE("principal-misplaced-or-invalid: a trust policy statement without Principal") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
  {"Effect": "Allow", "Action": "sts:TagSession"}
]})");
  CHECK(b.policy().kind == PolicyKind::trust);
  CHECK(b.issues() == Strings{"principal-misplaced-or-invalid {"});
  CHECK(b.ranges_of("principal-misplaced-or-invalid").at(0).begin == b.offset(R"({"Effect": "Allow", "Action": "sts:TagSession")"));
  CHECK(b.policy().statements.at(0).evaluable);
  CHECK_FALSE(b.policy().statements.at(1).evaluable);
}

TEST_CASE("principal-misplaced-or-invalid: a partial wildcard in a role ARN") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/deploy-*"}, "Action": "sts:AssumeRole"}]})");
  CHECK(b.policy().kind == PolicyKind::trust);
  CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "arn:aws:iam::111122223333:role/deploy-*")"});
}

TEST_CASE("principal-misplaced-or-invalid: NotPrincipal with Allow in a trust policy") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/mallory"}, "Action": "sts:AssumeRole"}]})");
  CHECK(b.policy().kind == PolicyKind::trust);
  CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "NotPrincipal")"});
}

TEST_CASE("principal-misplaced-or-invalid: an unknown principal type is not evaluable") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"Services": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "Services")"});
  CHECK_FALSE(b.policy().statements.at(0).evaluable);
  // The value is kept under the type as written.
  REQUIRE(b.policy().statements.at(0).principal.values.size() == 1);
  CHECK(b.policy().statements.at(0).principal.values[0].type == "Services");
}

TEST_CASE("principal-misplaced-or-invalid: malformed principal values") {
  SUBCASE("an ARN string instead of an object") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "sts:AssumeRole"}]})");
    CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "arn:aws:iam::111122223333:root")"});
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
  }
  SUBCASE("a user name instead of an ARN, and a number") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"AWS": ["111122223333", "alice", 111122223333]},
  "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-share/*"}]})");
    CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "alice")", "principal-misplaced-or-invalid 111122223333"});
    CHECK(b.ranges_of("principal-misplaced-or-invalid").at(1) == b.range("111122223333", 1)); // the bare number
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
  }
  SUBCASE("Principal is an array") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": ["arn:aws:iam::111122223333:root"], "Action": "sts:AssumeRole"}]})");
    CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid ["arn:aws:iam::111122223333:root"])"});
  }
}

TEST_CASE("builder: valid principal forms raise nothing") {
  const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow",
  "Principal": {"AWS": ["*", "111122223333", "arn:aws:iam::111122223333:role/Admin", "AROAEXAMPLEID1234567"],
                "Federated": "cognito-identity.amazonaws.com"},
  "Action": "sts:AssumeRole"}]})");
  CHECK(b.issues() == Strings{});
}

// ---------------------------------------------------------------------------------------------
// empty-element
// ---------------------------------------------------------------------------------------------

TEST_CASE("empty-element: empty Statement, Action, Resource, Principal, principal list, Condition, values") {
  SUBCASE("Statement []") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": []})");
    CHECK(b.issues() == Strings{"empty-element []"});
    CHECK(b.policy().statements.empty());
  }
  SUBCASE("Action, Resource and Condition") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": [], "Resource": [], "Condition": {}}]})");
    CHECK(b.issues() == Strings{"empty-element []", "empty-element []", "empty-element {}"});
    CHECK(b.ranges_of("empty-element").at(0) == b.range("[]", 0));
    CHECK(b.ranges_of("empty-element").at(1) == b.range("[]", 1));
  }
  SUBCASE("Principal {} and an empty AWS list") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "A", "Effect": "Allow", "Principal": {}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-site/*"},
  {"Sid": "B", "Effect": "Allow", "Principal": {"AWS": []}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-site/*"}
]})");
    CHECK(b.issues() == Strings{"empty-element {}", "empty-element []"});
  }
  SUBCASE("a condition key with no values") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": []}}}]})");
    CHECK(b.issues() == Strings{"empty-element []"});
    REQUIRE(b.policy().statements.at(0).conditions.size() == 1);
    CHECK(b.policy().statements.at(0).conditions[0].values.empty());
  }
}

// ---------------------------------------------------------------------------------------------
// Policy kinds
// ---------------------------------------------------------------------------------------------

TEST_CASE("detect_kind: identity, trust and resource policies") {
  SUBCASE("identity: no Principal") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Deploy"}]})");
    CHECK(b.policy().kind == PolicyKind::identity);
    CHECK(policylint::policy::detect_kind(b.policy()) == PolicyKind::identity);
    CHECK(b.issues() == Strings{});
  }
  SUBCASE("trust: a service assumes the role") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{
  "Sid": "EC2", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
    CHECK(b.policy().kind == PolicyKind::trust);
    CHECK(b.issues() == Strings{});
  }
  SUBCASE("trust: GitHub OIDC with sts:AssumeRoleWithWebIdentity") {
    const Built b = build(R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": {
      "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
      "StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/example-repo:ref:refs/heads/main"}
    }
  }]
})");
    CHECK(b.policy().kind == PolicyKind::trust);
    CHECK(b.issues() == Strings{});
    CHECK(b.policy().statements.at(0).conditions.size() == 2);
  }
  SUBCASE("trust: SAML, action names in any case") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/ExampleIdP"},
  "Action": ["STS:AssumeRoleWithSAML", "sts:TagSession"],
  "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]})");
    CHECK(b.policy().kind == PolicyKind::trust);
  }
  SUBCASE("resource: an S3 bucket policy") {
    const Built b = build(R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "AllowCloudFrontRead",
    "Effect": "Allow",
    "Principal": {"Service": "cloudfront.amazonaws.com"},
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::example-site/*",
    "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}
  }]
})");
    CHECK(b.policy().kind == PolicyKind::resource);
    CHECK(b.issues() == Strings{});
  }
  SUBCASE("resource: Principal, sts:AssumeRole and a Resource") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Resource": "*"}]})");
    CHECK(b.policy().kind == PolicyKind::resource);
  }
  SUBCASE("resource: NotAction sts:AssumeRole grants nothing to assume") {
    const Built b = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
  "Principal": "*", "NotAction": "sts:AssumeRole", "Resource": "*"}]})");
    CHECK(b.policy().kind == PolicyKind::resource);
  }
}

TEST_CASE("forced kind overrides detection and drives the kind rules") {
  const std::string bucket_policy = R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-share/*"}]})";
  SUBCASE("as trust: a Resource is not allowed") {
    const Built b = build_as(PolicyKind::trust, bucket_policy);
    CHECK(b.policy().kind == PolicyKind::trust);
    CHECK(b.policy().kind_was_forced);
    CHECK(b.issues() == Strings{R"(malformed-policy "Resource")"});
  }
  SUBCASE("as resource: the same as detected, but marked forced") {
    const Built b = build_as(PolicyKind::resource, bucket_policy);
    CHECK(b.policy().kind == PolicyKind::resource);
    CHECK(b.policy().kind_was_forced);
    CHECK(b.issues() == Strings{});
  }
  SUBCASE("an identity policy checked as a resource policy lacks a Principal") {
    const Built b = build_as(PolicyKind::resource, R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]})");
    CHECK(b.issues() == Strings{"principal-misplaced-or-invalid {"});
    CHECK_FALSE(b.policy().statements.at(0).evaluable);
  }
  SUBCASE("a trust policy checked as identity") {
    const Built b = build_as(PolicyKind::identity, R"({"Version": "2012-10-17", "Statement": [{
  "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
    CHECK(b.issues() == Strings{R"(principal-misplaced-or-invalid "Principal")", "malformed-policy {"});
  }
}

TEST_CASE("kind names round-trip") {
  for (const auto kind : {PolicyKind::identity, PolicyKind::trust, PolicyKind::resource}) {
    CHECK(policylint::policy::parse_kind(policylint::policy::kind_name(kind)) == kind);
  }
  CHECK(policylint::policy::kind_name(PolicyKind::trust) == "trust");
  CHECK_FALSE(policylint::policy::parse_kind("Trust").has_value());
  CHECK_FALSE(policylint::policy::parse_kind("scp").has_value());
}

TEST_CASE("builder: one mistake never hides the rest of the document") {
  const Built b = build(R"({
  "Version": "2008-10-17",
  "Statement": [
    {"Sid": "One", "Effect": "allow", "Action": 42, "Resource": "examplebucket"},
    {"Sid": "One", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
     "Condition": {"StringEqual": {"aws:PrincipalTag/team": "blue"}}},
    {"Sid": "Three", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::example/*"}
  ]
})");
  CHECK(b.issues() == Strings{R"(version-missing-or-legacy "2008-10-17")", R"(malformed-policy "allow")",
                              "malformed-policy 42", R"(invalid-arn "examplebucket")",
                              R"(unknown-condition-operator "StringEqual")", R"(sid-invalid-or-duplicate "One")"});
  REQUIRE(b.policy().statements.size() == 3);
  CHECK_FALSE(b.policy().statements[0].evaluable);
  CHECK_FALSE(b.policy().statements[1].evaluable);
  CHECK(b.policy().statements[2].evaluable);
  CHECK(b.policy().statements[2].effect == Effect::deny);
}
