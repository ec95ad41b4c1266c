// PL037: several values in a Bool condition on a single-valued key, on the second value.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"DenyPlainHttp\",\n"
         "      \"Effect\": \"Deny\",\n      \"Action\": \"s3:*\",\n"
         "      \"Resource\": \"arn:aws:s3:::example-data/*\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

std::size_t count(const std::string& condition) {
  return testing::lint_only(with(condition), "PL037").size();
}

} // namespace

TEST_CASE("PL037 multiple-booleans-for-single-key: several booleans, on the second value") {
  const std::string text = with(R"({"Bool": {"aws:SecureTransport": [true, false]}})");
  const auto ds = testing::lint_only(text, "PL037");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "false]"));
  CHECK(testing::contains(ds[0].message, "every request that carries the key"));
  CHECK(ds[0].statement == "DenyPlainHttp");

  const auto rd = testing::lint_only(with(R"({"BoolIfExists": {"aws:MultiFactorAuthPresent": ["true", "TRUE"]}})"),
                                     "PL037");
  REQUIRE(rd.size() == 1);
  CHECK(testing::contains(rd[0].message, "repeats itself"));
}

TEST_CASE("PL037 multiple-booleans-for-single-key: one value, set qualifiers and other operators are not reported") {
  CHECK(count(R"({"Bool": {"aws:SecureTransport": "false"}})") == 0);
  CHECK(count(R"({"Bool": {"aws:SecureTransport": ["false"]}})") == 0);
  // A set qualifier is PL018's finding on a single-valued key, not this one.
  CHECK(count(R"({"ForAnyValue:Bool": {"aws:SecureTransport": ["true", "false"]}})") == 0);
  CHECK(count(R"({"Null": {"aws:SourceVpc": ["true", "false"]}})") == 0);
  CHECK(count(R"({"StringEquals": {"s3:x-amz-acl": ["private", "bucket-owner-full-control"]}})") == 0);
}
