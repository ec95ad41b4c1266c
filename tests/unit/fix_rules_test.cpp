// The fixers of PL023, PL038, PL102 and PL201: exact edited text in several layouts, and the
// contract every fix keeps — re-linting the fixed text removes the finding and adds none.
#include "support/lint_text.hpp"

#include <policylint/engine/registry.hpp>
#include <policylint/fix/apply.hpp>
#include <policylint/engine/fixer.hpp>

#include <doctest/doctest.h>

#include <map>

namespace {

using namespace policylint;
using testing::lint_text;

std::map<std::string, int> code_counts(const std::vector<engine::Diagnostic>& ds) {
  std::map<std::string, int> out;
  for (const auto& d : ds) {
    ++out[d.rule->code];
  }
  return out;
}

// Applies every fix of `code`'s findings once and checks the contract: the fixed text has
// no finding of `code`, and no rule reports more than before. Returns the fixed text.
std::string fix_and_check(const std::string& text, const std::string& code) {
  const auto before = lint_text(text);
  std::vector<const engine::Fix*> fixes;
  for (const auto& d : before) {
    if (d.rule->code == code) {
      REQUIRE_MESSAGE(!d.fixes.empty(), code << " finding without a fix: " << d.message);
      for (const auto& f : d.fixes) {
        CHECK(!f.description.empty());
        fixes.push_back(&f);
      }
    }
  }
  REQUIRE_MESSAGE(!fixes.empty(), "no " << code << " finding in\n" << text);
  const auto applied = fix::apply_fixes(text, fixes);
  CHECK(applied.skipped == 0);
  const auto after = lint_text(applied.text);
  CHECK_MESSAGE(!testing::has_code(after, code), "still reported after the fix:\n" << applied.text);
  auto counts_before = code_counts(before);
  for (const auto& [c, n] : code_counts(after)) {
    CHECK_MESSAGE(n <= counts_before[c], "the fix added a " << c << " finding:\n" << applied.text);
  }
  return applied.text;
}

bool offers_fix(const std::string& text, const std::string& code) {
  for (const auto& d : lint_text(text)) {
    if (d.rule->code == code && !d.fixes.empty()) {
      return true;
    }
  }
  return false;
}

const std::string k_admin_allow = R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";

} // namespace

TEST_SUITE("fix rules") {
  TEST_CASE("every rule marked fixable has a fixer, and its README example is fixed by it") {
    std::size_t fixable = 0;
    for (const engine::RuleInfo& rule : engine::all_rules()) {
      if (engine::fixer_for(rule.code) == nullptr) {
        continue;
      }
      ++fixable;
      CAPTURE(rule.code);
      const std::string fixed = fix_and_check(std::string(rule.doc_example("Example")), rule.code);
      CHECK(fixed != rule.doc_example("Example"));
    }
    CHECK(fixable == engine::fixers().size());
    CHECK(fixable >= 3);
  }

  TEST_CASE("PL102: a multi-line Condition gets the Bool block in its own indentation") {
    const std::string text = R"({
  "Version": "2012-10-17",
  "Statement": [
    )" + k_admin_allow + R"(,
    {
      "Sid": "OfficeOnly",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "NotIpAddress": {
          "aws:SourceIp": ["203.0.113.0/24"]
        }
      }
    }
  ]
}
)";
    CHECK(fix_and_check(text, "PL102") == R"({
  "Version": "2012-10-17",
  "Statement": [
    )" + k_admin_allow + R"(,
    {
      "Sid": "OfficeOnly",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "NotIpAddress": {
          "aws:SourceIp": ["203.0.113.0/24"]
        },
        "Bool": {
          "aws:ViaAWSService": "false"
        }
      }
    }
  ]
}
)");
  }

  TEST_CASE("PL102: tabs, compact one-line objects and key order are kept") {
    const std::string tabs = "{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": [\n\t\t" + k_admin_allow +
                             ",\n\t\t{\n\t\t\t\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\",\n"
                             "\t\t\t\"Condition\": {\n\t\t\t\t\"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}\n"
                             "\t\t\t}\n\t\t}\n\t]\n}\n";
    CHECK(fix_and_check(tabs, "PL102") ==
          "{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": [\n\t\t" + k_admin_allow +
              ",\n\t\t{\n\t\t\t\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\",\n"
              "\t\t\t\"Condition\": {\n\t\t\t\t\"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"},\n"
              "\t\t\t\t\"Bool\": {\"aws:ViaAWSService\": \"false\"}\n\t\t\t}\n\t\t}\n\t]\n}\n");
    const std::string compact =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]})";
    CHECK(fix_and_check(compact, "PL102") ==
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"},"Bool":{"aws:ViaAWSService":"false"}}}]})");
  }

  TEST_CASE("PL102: CRLF line endings are kept") {
    const std::string text = "{\r\n  \"Version\": \"2012-10-17\",\r\n  \"Statement\": [" + k_admin_allow +
                             ", {\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\",\r\n"
                             "    \"Condition\": {\r\n      \"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}\r\n    }}]\r\n}\r\n";
    const std::string fixed = fix_and_check(text, "PL102");
    CHECK(fixed.find("\"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"},\r\n      \"Bool\": "
                     "{\"aws:ViaAWSService\": \"false\"}\r\n    }") != std::string::npos);
    CHECK(fixed.find("\n") == fixed.find("\r\n") + 1); // no bare LF introduced
    std::size_t bare = 0;
    for (std::size_t i = 0; i < fixed.size(); ++i) {
      bare += fixed[i] == '\n' && (i == 0 || fixed[i - 1] != '\r') ? 1U : 0U;
    }
    CHECK(bare == 0);
  }

  TEST_CASE("PL102: an existing Bool block receives the key instead of a duplicate Bool") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [)" + k_admin_allow + R"(,
  {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {
    "Bool": {"aws:SecureTransport": "true"},
    "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}
  }}]}
)";
    CHECK(fix_and_check(text, "PL102") == R"({"Version": "2012-10-17", "Statement": [)" + k_admin_allow + R"(,
  {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {
    "Bool": {"aws:SecureTransport": "true", "aws:ViaAWSService": "false"},
    "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}
  }}]}
)");
  }

  TEST_CASE("PL023: host bits are cleared in IPv4 and IPv6 values, nothing else changes") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "arn:aws:s3:::example-reports/*",
  "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.7/24", "198.51.100.0/24", "2001:DB8::1/32"]}}}]}
)";
    const auto findings = testing::lint_only(text, "PL023");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].fixes.at(0).description == "Clear the host bits: write 203.0.113.0/24");
    CHECK(fix_and_check(text, "PL023") == R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "arn:aws:s3:::example-reports/*",
  "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24", "2001:db8::/32"]}}}]}
)");
  }

  TEST_CASE("PL023: a value written with escapes is reported but not rewritten") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7\u002f24"}}}]})";
    CHECK(testing::has_code(lint_text(text), "PL023"));
    CHECK_FALSE(offers_fix(text, "PL023"));
  }

  TEST_CASE("PL038: only the ARN's service segment is lower-cased") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": ["arn:aws:S3:::Example-Reports/*", "arn:aws:DynamoDB:us-east-1:111122223333:table/Orders"]}]}
)";
    const auto findings = testing::lint_only(text, "PL038");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].fixes.at(0).description == "Lower-case the ARN's service: write s3");
    CHECK(fix_and_check(text, "PL038") == R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": ["arn:aws:s3:::Example-Reports/*", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"]}]}
)");
  }

  TEST_CASE("PL038: an ARN written with escapes is reported but not rewritten") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
  "Resource": "arn:aws:S3:::example-reports\u002f*"}]})";
    CHECK(testing::has_code(lint_text(text), "PL038"));
    CHECK_FALSE(offers_fix(text, "PL038"));
  }

  TEST_CASE("PL201: BoolIfExists on aws:MultiFactorAuthPresent becomes Bool") {
    const std::string text = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user/test-user"},
    "Action": "sts:AssumeRole",
    "Condition": {
      "IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
      "BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}
    }
  }]
}
)";
    std::string expected = text;
    expected.replace(expected.find("BoolIfExists"), 12, "Bool");
    CHECK(fix_and_check(text, "PL201") == expected);
  }

  TEST_CASE("PL201: no fix when renaming the block would change another key or duplicate Bool") {
    const std::string shared_block = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:user/test-user"}, "Action": "sts:AssumeRole",
  "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "true", "aws:SecureTransport": "true"}}}]})";
    CHECK(testing::has_code(lint_text(shared_block), "PL201"));
    CHECK_FALSE(offers_fix(shared_block, "PL201"));
    const std::string has_bool = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:user/test-user"}, "Action": "sts:AssumeRole",
  "Condition": {"Bool": {"aws:SecureTransport": "true"}, "BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}}]})";
    CHECK(testing::has_code(lint_text(has_bool), "PL201"));
    CHECK_FALSE(offers_fix(has_bool, "PL201"));
  }

  TEST_CASE("PL201 without any MFA condition has no mechanical fix") {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:user/test-user"}, "Action": "sts:AssumeRole"}]})";
    CHECK(testing::has_code(lint_text(text), "PL201"));
    CHECK_FALSE(offers_fix(text, "PL201"));
  }
}
