// PL011 policy-variable-invalid: malformed variables, variables where IAM does not substitute
// them, and variables under a Version without substitution. Findings sit on the variable.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint;

namespace {

std::string make_policy(const std::string& statement_body, const std::string& version = "\"Version\": \"2012-10-17\",\n  ") {
  return "{\n  " + version + "\"Statement\": [\n    {\n      \"Sid\": \"Home\",\n      \"Effect\": \"Allow\",\n" +
         statement_body + "\n    }\n  ]\n}\n";
}

using testing::position_of;

std::vector<engine::Diagnostic> only(const std::string& text) { return testing::lint_only(text, "PL011"); }

using testing::contains;

const std::string k_action = "      \"Action\": \"s3:GetObject\",\n";

} // namespace

TEST_CASE("PL011 policy-variable-invalid: well-formed variables, defaults and escapes are accepted") {
  const std::string text = make_policy(k_action + R"(      "Resource": ["arn:aws:s3:::example-home/${aws:username}/*",
                   "arn:aws:s3:::example-home/${aws:PrincipalTag/team, 'shared'}/${*}"],
      "Condition": {
        "StringLike": {"s3:prefix": ["${aws:username}/*", "${?}${$}"]},
        "ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:${aws:username}"},
        "Bool": {"aws:SecureTransport": "${aws:SecureTransport}"}
      })");
  CHECK(only(text).empty());
}

TEST_CASE("PL011 policy-variable-invalid: malformed syntax, on the variable") {
  SUBCASE("missing closing brace") {
    const std::string text = make_policy(k_action + R"(      "Resource": "arn:aws:s3:::example-home/${aws:username/*")");
    const auto ds = only(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == position_of(text, "${aws:username/*"));
    CHECK(ds[0].location.end_offset - ds[0].location.offset == std::string("${aws:username/*").size());
    CHECK(contains(ds[0].message, "no closing brace"));
    CHECK(ds[0].statement == "Home");
    CHECK(ds[0].rule->severity == engine::Severity::medium);
  }
  SUBCASE("default value without quotes") {
    const std::string text =
        make_policy(k_action + R"(      "Resource": "arn:aws:s3:::example-home/${aws:PrincipalTag/team, shared}/*")");
    const auto ds = only(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == position_of(text, "${aws:PrincipalTag/team, shared}"));
    CHECK(contains(ds[0].message, "single quotes"));
  }
  SUBCASE("space in the name") {
    const std::string text = make_policy(k_action + R"(      "Resource": "arn:aws:s3:::example-home/${aws: username}/*")");
    const auto ds = only(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == position_of(text, "${aws: username}"));
    CHECK(contains(ds[0].message, "space"));
  }
  SUBCASE("empty variable in a condition value") {
    const std::string text = make_policy(k_action + R"(      "Resource": "*",
      "Condition": {"StringEquals": {"aws:PrincipalTag/team": "team-${}"}})");
    const auto ds = only(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == position_of(text, "${}"));
    CHECK(contains(ds[0].message, "empty"));
  }
}

TEST_CASE("PL011 policy-variable-invalid: variables where IAM does not substitute them") {
  const std::string text = make_policy(R"(      "Action": "s3:${aws:username}",
      "Resource": ["arn:${aws:partition}:s3:::example-home/*",
                   "arn:aws:kms:*:${aws:PrincipalAccount}:key/*"],
      "Condition": {
        "NumericLessThan": {"s3:max-keys": "${aws:username}"},
        "IpAddress": {"aws:SourceIp": "${aws:SourceIp}"},
        "StringEquals": {"aws:PrincipalTag/${aws:username}": "x"}
      })");
  const auto ds = only(text);
  REQUIRE(ds.size() == 5);
  CHECK(ds[0].location.start == position_of(text, "${aws:username}\",\n      \"Resource"));
  CHECK(contains(ds[0].message, "not supported in Action"));
  CHECK(ds[1].location.start == position_of(text, "${aws:partition}"));
  CHECK(contains(ds[1].message, "partition or service"));
  CHECK(ds[2].location.start == position_of(text, "${aws:username}\"},\n        \"IpAddress"));
  CHECK(contains(ds[2].message, "NumericLessThan"));
  CHECK(ds[3].location.start == position_of(text, "${aws:SourceIp}"));
  CHECK(ds[4].location.start == position_of(text, "${aws:username}\": \"x\""));
  CHECK(contains(ds[4].message, "condition key"));
}

TEST_CASE("PL011 policy-variable-invalid: Principal values of a resource policy") {
  const std::string text = make_policy(R"(      "Principal": {"AWS": "arn:aws:iam::111122223333:user/${aws:username}"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-home/*")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "${aws:username}"));
  CHECK(contains(ds[0].message, "Principal"));
}

TEST_CASE("PL011 policy-variable-invalid: without Version 2012-10-17 variables are plain text") {
  SUBCASE("legacy version") {
    const std::string text = make_policy(k_action + R"(      "Resource": "arn:aws:s3:::example-home/${aws:username}/*")",
                                    "\"Version\": \"2008-10-17\",\n  ");
    const auto ds = only(text);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].location.start == position_of(text, "${aws:username}"));
    CHECK(contains(ds[0].message, "2008-10-17"));
  }
  SUBCASE("no version") {
    const std::string text = make_policy(k_action + R"(      "Resource": "arn:aws:s3:::example-home/${aws:username}/*")", "");
    const auto ds = only(text);
    REQUIRE(ds.size() == 1);
    CHECK(contains(ds[0].message, "without Version"));
  }
}

TEST_CASE("PL011 policy-variable-invalid: a string with JSON escapes is reported on the whole value") {
  const std::string text =
      make_policy(k_action + R"(      "Resource": "arn:aws:s3:::example-home/\u0024{aws:username/*")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"arn:aws:s3:::example-home/\\u0024"));
}
