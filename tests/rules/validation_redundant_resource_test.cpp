// PL019 redundant-resource: a Resource/NotResource entry another entry already covers.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint;

namespace {

std::string identity(const std::string& resources, const std::string& element = "Resource") {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Logs\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"" +
         element + "\": " + resources + "\n    }\n  ]\n}\n";
}

using testing::position_of;

std::vector<engine::Diagnostic> only(const std::string& text) { return testing::lint_only(text, "PL019"); }

using testing::contains;

} // namespace

TEST_CASE("PL019 redundant-resource: an ARN inside a wildcard ARN, on its token") {
  const std::string text = identity(R"(["arn:aws:s3:::example-logs/*", "arn:aws:s3:::example-logs/2024/app.log"])");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"arn:aws:s3:::example-logs/2024/app.log\""));
  CHECK(ds[0].statement == "Logs");
  CHECK(contains(ds[0].message, "already covers it"));
  CHECK(ds[0].rule->severity == engine::Severity::info);
}

TEST_CASE("PL019 redundant-resource: \"*\", nested wildcards and duplicates") {
  const std::string text = identity(
      R"(["arn:aws:s3:::example-logs/2024/*", "arn:aws:s3:::example-logs/*", "arn:aws:s3:::example-logs/*"])",
      "NotResource");
  const auto ds = only(text);
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == position_of(text, "\"arn:aws:s3:::example-logs/2024/*\""));
  CHECK(contains(ds[0].message, "NotResource"));
  CHECK(contains(ds[1].message, "listed twice"));
  CHECK(ds[1].location.start.line == ds[0].location.start.line);

  const std::string star = identity(R"(["*", "arn:aws:s3:::example-logs"])");
  const auto ds2 = only(star);
  REQUIRE(ds2.size() == 1);
  CHECK(ds2[0].location.start == position_of(star, "\"arn:aws:s3:::example-logs\""));
}

TEST_CASE("PL019 redundant-resource: no finding when coverage is not certain") {
  // Bucket and objects are different resources; segment wildcards do not cross segments.
  CHECK(only(identity(R"(["arn:aws:s3:::example-logs", "arn:aws:s3:::example-logs/*"])")).empty());
  // Wildcard patterns that overlap, neither inside the other.
  CHECK(only(identity(R"(["arn:aws:s3:::example-a*b/*", "arn:aws:s3:::example-*c/*"])")).empty());
  CHECK(only(identity(R"(["arn:aws:s3:::example-*/a?", "arn:aws:s3:::example-logs/a*"])")).empty());
  CHECK(only(identity(R"(["arn:aws:sqs:us-*-1:111122223333:q*", "arn:aws:sqs:us-east-*:111122223333:q*"])"))
            .empty());
  // ARNs are case-sensitive.
  CHECK(only(identity(R"(["arn:aws:s3:::Example-logs/*", "arn:aws:s3:::example-logs/x"])")).empty());
  // Variables are substituted per request: never compared.
  CHECK(only(identity(R"(["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/x"])")).empty());
  CHECK(only(identity(R"(["arn:aws:s3:::home/*", "arn:aws:s3:::home/${aws:username}"])")).empty());
  // Region wildcard stays in its segment.
  CHECK(only(identity(R"(["arn:aws:sqs:us-*:111122223333:q", "arn:aws:sqs:us-east-1:111122223333:queue"])"))
            .empty());
}

TEST_CASE("PL019 redundant-resource: a wildcard pattern inside a broader one with other wildcards") {
  // The case Access Analyzer reports: log streams of log groups the first entry already covers.
  const std::string logs =
      identity(R"(["arn:aws:logs:*:*:log-group:LW*", "arn:aws:logs:*:*:log-group:LW*:log-stream:*"])");
  const auto ds = only(logs);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(logs, "\"arn:aws:logs:*:*:log-group:LW*:log-stream:*\""));
  CHECK(contains(ds[0].message, "\"arn:aws:logs:*:*:log-group:LW*\" in the same statement already covers it"));

  const std::string objects = identity(R"(["arn:aws:s3:::example-*/a/*", "arn:aws:s3:::example-logs/a/b?"])");
  const auto ds2 = only(objects);
  REQUIRE(ds2.size() == 1);
  CHECK(ds2[0].location.start == position_of(objects, "\"arn:aws:s3:::example-logs/a/b?\""));

  // Either order: the narrower pattern is reported, wherever it stands.
  const std::string region =
      identity(R"(["arn:aws:sqs:us-*-1:111122223333:q*", "arn:aws:sqs:us-*:111122223333:q*"])");
  const auto ds3 = only(region);
  REQUIRE(ds3.size() == 1);
  CHECK(ds3[0].location.start == position_of(region, "\"arn:aws:sqs:us-*-1:111122223333:q*\""));
}

// Hostile shapes (issue 15): each value used to be compared with every pattern, so 12,500
// distinct bucket patterns took a minute. These cases assert findings only; the ctest timeout
// is what catches a return of the quadratic loop.
TEST_CASE("PL019 redundant-resource: 12500 distinct bucket patterns with a few covered objects") {
  constexpr int k_buckets = 12500;
  std::string list = "[";
  for (int n = 0; n < k_buckets; ++n) {
    list += "\"arn:aws:s3:::bucket-" + std::to_string(n) + "/*\", ";
  }
  // Objects of buckets 7, 70 and 12499 are covered; bucket-1250 has no pattern of that name
  // (bucket-125/* does not cover it: the prefix differs at the slash).
  list += R"("arn:aws:s3:::bucket-7/a.log", "arn:aws:s3:::bucket-70/b/c.log", "arn:aws:s3:::bucket-12499/d", )";
  list += R"("arn:aws:s3:::bucket-125x/e"])";
  const auto ds = only(identity(list));
  REQUIRE(ds.size() == 3);
  CHECK(contains(ds[0].message, "\"arn:aws:s3:::bucket-7/a.log\" is redundant: \"arn:aws:s3:::bucket-7/*\""));
  CHECK(contains(ds[1].message, "\"arn:aws:s3:::bucket-70/b/c.log\" is redundant: \"arn:aws:s3:::bucket-70/*\""));
  CHECK(contains(ds[2].message, "\"arn:aws:s3:::bucket-12499/d\" is redundant: \"arn:aws:s3:::bucket-12499/*\""));
}

TEST_CASE("PL019 redundant-resource: nested patterns under a wide one are each reported once") {
  // 300 patterns, each a prefix of the next: every value has up to 300 covering patterns, and
  // the first of them in the statement's order is the one named.
  std::string list = R"(["arn:aws:s3:::deep/*", )";
  std::string path = "arn:aws:s3:::deep/";
  for (int n = 0; n < 300; ++n) {
    path += "d/";
    list += "\"" + path + "*\", ";
  }
  list += "\"" + path + "object\"]";
  const auto ds = only(identity(list));
  REQUIRE(ds.size() == 301);
  for (const auto& d : ds) {
    CHECK(contains(d.message, "\"arn:aws:s3:::deep/*\" in the same statement already covers it"));
  }
}

TEST_CASE("PL019 redundant-resource: the first covering entry in the statement is named") {
  const auto narrow_first = only(
      identity(R"(["arn:aws:s3:::example-logs/2024/*", "arn:aws:s3:::example-logs/*", "arn:aws:s3:::example-logs/2024/a"])"));
  REQUIRE(narrow_first.size() == 2);
  CHECK(contains(narrow_first[0].message, "\"arn:aws:s3:::example-logs/2024/*\" is redundant"));
  CHECK(contains(narrow_first[1].message, "\"arn:aws:s3:::example-logs/2024/*\" in the same statement"));
  const auto wide_first = only(
      identity(R"(["arn:aws:s3:::example-logs/*", "arn:aws:s3:::example-logs/2024/*", "arn:aws:s3:::example-logs/2024/a"])"));
  REQUIRE(wide_first.size() == 2);
  CHECK(contains(wide_first[1].message, "\"arn:aws:s3:::example-logs/*\" in the same statement"));
}
