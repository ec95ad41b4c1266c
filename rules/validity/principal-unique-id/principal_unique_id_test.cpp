// PL043: a role or user unique ID as an AWS principal, on the value; PL010 stays silent on it.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string bucket(const std::string& principal) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read\",\n"
         "      \"Effect\": \"Allow\",\n      \"Principal\": " +
         principal +
         ",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"arn:aws:s3:::example-artifacts/*\"\n"
         "    }\n  ]\n}\n";
}

std::size_t count(const std::string& principal) {
  return testing::lint_only(bucket(principal), "PL043").size();
}

} // namespace

TEST_CASE("PL043 principal-unique-id: role and user unique IDs, on the value") {
  const std::string text =
      bucket(R"({"AWS": ["arn:aws:iam::111122223333:role/deploy", "AROAEXAMPLEID1234ABCDE"]})");
  const auto ds = testing::lint_only(text, "PL043");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"AROAEXAMPLEID1234ABCDE\""));
  CHECK(ds[0].statement == "Read");
  CHECK(testing::contains(ds[0].message, "unique ID of an IAM role"));
  CHECK(testing::contains(ds[0].message, "a new role created with the same name is not trusted"));
  CHECK(testing::lint_only(text, "PL010").empty());

  const auto user = testing::lint_only(bucket(R"({"AWS": "AIDAEXAMPLEID1234ABCDE"})"), "PL043");
  REQUIRE(user.size() == 1);
  CHECK(testing::contains(user[0].message, "unique ID of an IAM user"));
}

TEST_CASE("PL043 principal-unique-id: ARNs, account IDs, other types and short values are not reported") {
  CHECK(count(R"({"AWS": "arn:aws:iam::111122223333:role/AROAEXAMPLEID1234ABCDE"})") == 0);
  CHECK(count(R"({"AWS": "111122223333"})") == 0);
  CHECK(count(R"("*")") == 0);
  CHECK(count(R"({"Service": "lambda.amazonaws.com"})") == 0);
  // Too short to be a unique ID: PL010 reports it as no valid principal.
  const std::string short_id = bucket(R"({"AWS": "AROASHORT"})");
  CHECK(testing::lint_only(short_id, "PL043").empty());
  CHECK(testing::lint_only(short_id, "PL010").size() == 1);
}
