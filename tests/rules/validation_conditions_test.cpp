// PL007 unknown-condition-key, PL603 condition-type-mismatch, PL016
// multivalued-key-missing-qualifier, PL018 set-qualifier-on-single-valued-key, PL602
// condition-key-not-in-context: findings on the exact key, operator or value token.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint;

namespace {

std::string with_condition(const std::string& condition, const std::string& action = R"("s3:GetObject")") {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": " +
         action + ",\n      \"Resource\": \"arn:aws:s3:::example-reports/*\",\n      \"Condition\": " + condition +
         "\n    }\n  ]\n}\n";
}

std::string trust_with_condition(const std::string& federated, const std::string& condition) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": ")" + federated +
         R"("}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": )" + condition + "}]}";
}

using testing::position_of;

std::vector<engine::Diagnostic> only(const std::string& text, const std::string& code) {
  auto ds = testing::lint_text(text, {code});
  std::erase_if(ds, [&](const engine::Diagnostic& d) { return d.rule->code != code; });
  return ds;
}

using testing::contains;

} // namespace

TEST_CASE("PL007 unknown-condition-key: a misspelt global key, with suggestions") {
  const std::string text = with_condition(R"({"IpAddress": {"aws:SourceIpAddress": "203.0.113.0/24"}})");
  const auto ds = only(text, "PL007");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"aws:SourceIpAddress\""));
  CHECK(ds[0].statement == "Read");
  CHECK(contains(ds[0].message, "not a global condition key"));
  CHECK(contains(ds[0].message, "did you mean"));
  CHECK(contains(ds[0].message, "aws:SourceIp"));
}

TEST_CASE("PL007 unknown-condition-key: service keys, unknown prefixes, malformed keys") {
  const std::string text = with_condition(
      R"({"StringLike": {"s3:prefixx": "home/*", "s9:prefix": "x", "SourceIp": "1"}})");
  const auto ds = only(text, "PL007");
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].location.start == position_of(text, "\"s3:prefixx\""));
  CHECK(contains(ds[0].message, "service \"s3\" defines no condition key"));
  CHECK(contains(ds[0].message, "s3:prefix"));
  CHECK(ds[1].location.start == position_of(text, "\"s9:prefix\""));
  CHECK(contains(ds[1].message, "unknown service prefix \"s9\""));
  CHECK(ds[2].location.start == position_of(text, "\"SourceIp\""));
  CHECK(contains(ds[2].message, "prefix:name"));
}

TEST_CASE("PL007 unknown-condition-key: templated keys, any case, and provider keys are known") {
  CHECK(only(with_condition(R"({"StringEquals": {"s3:ExistingObjectTag/classification": "public",
      "aws:RequestTag/team": "x", "aws:ResourceTag/cost-center": "y", "AWS:SOURCEIP": "203.0.113.1",
      "aws:PrincipalTag/dept": "z", "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b"}})"),
             "PL007")
            .empty());
  CHECK(only(trust_with_condition("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                                  R"({"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                                      "StringLike": {"token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main"}})"),
             "PL007")
            .empty());
  CHECK(only(trust_with_condition("accounts.google.com", R"({"StringEquals": {"accounts.google.com:aud": "1234"}})"),
             "PL007")
            .empty());
  CHECK(only(trust_with_condition("cognito-identity.amazonaws.com",
                                  R"({"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}})"),
             "PL007")
            .empty());
  CHECK(only(trust_with_condition("arn:aws:iam::111122223333:saml-provider/Corp",
                                  R"({"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})"),
             "PL007")
            .empty());
}

TEST_CASE("PL603 condition-type-mismatch: values that do not parse for their operator") {
  const std::string text = with_condition(R"({
        "Bool": {"aws:SecureTransport": "yes"},
        "DateGreaterThan": {"aws:CurrentTime": "2020-13-45"},
        "NumericLessThan": {"s3:max-keys": "abc"},
        "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.300/8"]}
      })");
  const auto ds = only(text, "PL603");
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].location.start == position_of(text, "\"yes\""));
  CHECK(contains(ds[0].message, "not a boolean"));
  CHECK(ds[1].location.start == position_of(text, "\"2020-13-45\""));
  CHECK(contains(ds[1].message, "not a date"));
  CHECK(ds[2].location.start == position_of(text, "\"abc\""));
  CHECK(contains(ds[2].message, "not a number"));
  CHECK(ds[3].location.start == position_of(text, "\"10.0.0.300/8\""));
  CHECK(contains(ds[3].message, "CIDR"));
}

TEST_CASE("PL603 condition-type-mismatch: operator family against the key's type") {
  const std::string text = with_condition(R"({
        "DateGreaterThan": {"aws:SourceIp": "2020-01-01"},
        "StringEquals": {"aws:SecureTransport": "true"}
      })");
  const auto ds = only(text, "PL603");
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == position_of(text, "\"DateGreaterThan\""));
  CHECK(contains(ds[0].message, "IPAddress"));
  CHECK(contains(ds[0].message, "IpAddress or NotIpAddress"));
  CHECK(ds[1].location.start == position_of(text, "\"StringEquals\""));
  CHECK(contains(ds[1].message, "use Bool"));
}

TEST_CASE("PL603 condition-type-mismatch: well-typed conditions are not reported") {
  CHECK(only(with_condition(R"({
        "Bool": {"aws:SecureTransport": [true, "FALSE"]},
        "DateGreaterThan": {"aws:CurrentTime": ["2020-01-31", "2020-01-31T12:00:00Z", "1580472000", "2020-02-29T00:00:00.5+01:00"]},
        "NumericLessThanEquals": {"s3:max-keys": ["10", 10, "-1.5"]},
        "IpAddress": {"aws:SourceIp": ["203.0.113.7", "2001:db8::/32"]},
        "ArnLike": {"aws:SourceArn": "arn:aws:s3:::example-*", "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b"},
        "StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/ci-*", "s3:prefix": "${aws:username}/*"},
        "Null": {"aws:TokenIssueTime": "true"}
      })"),
             "PL603")
            .empty());
}

TEST_CASE("PL016 multivalued-key-missing-qualifier: an ArrayOf key without a set qualifier") {
  const std::string text = with_condition(R"({"StringEquals": {"aws:TagKeys": ["team", "cost-center"]}})",
                                          R"("ec2:CreateTags")");
  const auto ds = only(text, "PL016");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"aws:TagKeys\""));
  CHECK(contains(ds[0].message, "ArrayOfString"));
  CHECK(contains(ds[0].message, "ForAllValues:StringEquals"));
  CHECK(ds[0].rule->severity == engine::Severity::high);
  CHECK(only(with_condition(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]},
                                "Null": {"aws:TagKeys": "false"}})",
                            R"("ec2:CreateTags")"),
             "PL016")
            .empty());
}

TEST_CASE("PL018 set-qualifier-on-single-valued-key: ForAllValues on a String key") {
  const std::string text = with_condition(R"({"ForAllValues:StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}})");
  const auto ds = only(text, "PL018");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"ForAllValues:StringEquals\""));
  CHECK(contains(ds[0].message, "single-valued key \"aws:SourceVpc\""));
  CHECK(contains(ds[0].message, "absent"));
  CHECK(ds[0].rule->severity == engine::Severity::medium);
  CHECK(only(with_condition(R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}})", R"("ec2:CreateTags")"),
             "PL018")
            .empty());
}

TEST_CASE("PL602 condition-key-not-in-context: a service key none of the actions carry") {
  const std::string text = with_condition(R"({"StringLike": {"s3:prefix": "home/*"}})");
  const auto ds = only(text, "PL602");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:prefix\""));
  CHECK(contains(ds[0].message, "s3:GetObject"));
  CHECK(only(with_condition(R"({"StringLike": {"s3:prefix": "home/*"}})", R"(["s3:ListBucket", "s3:GetObject"])"),
             "PL602")
            .empty());
  // Global keys, NotAction statements and "*" are not judged.
  CHECK(only(with_condition(R"({"StringEquals": {"aws:ResourceTag/team": "x", "aws:PrincipalOrgID": "o-1"}})"),
             "PL602")
            .empty());
  CHECK(only(with_condition(R"({"StringLike": {"s3:prefix": "home/*"}})", R"("*")"), "PL602").empty());
}

TEST_CASE("PL602 condition-key-not-in-context: keys the catalog lists on the action's resource type") {
  // The Service Authorization Reference lists these keys on the resource type, not the action;
  // Access Analyzer accepts them and so does IAM.
  CHECK(only(with_condition(R"({"StringEquals": {"eks:accessEntryType": "STANDARD"}})", R"("eks:DescribeAccessEntry")"),
             "PL602")
            .empty());
  CHECK(only(with_condition(R"({"StringEquals": {"iam:ResourceTag/team": "platform"}})", R"("iam:PassRole")"), "PL602")
            .empty());
  CHECK(only(with_condition(R"({"StringEquals": {"rds:DatabaseEngine": "mysql"}, "Bool": {"rds:MultiAz": "false"}})",
                            R"("rds:CreateDBInstance")"),
             "PL602")
            .empty());
  // A key of the same service that neither the action nor its resource types list still fires.
  const std::string text =
      with_condition(R"({"StringEquals": {"eks:accessEntryType": "STANDARD"}})", R"("eks:ListClusters")");
  const auto ds = only(text, "PL602");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"eks:accessEntryType\""));
}
