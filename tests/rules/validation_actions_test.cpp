// PL005 unknown-action, PL015 action-wildcard-matches-nothing, PL017 redundant-action: each
// finding sits on the offending Action token and carries the catalog's suggestions.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint;

namespace {

std::string identity(const std::string& action, const std::string& element = "Action") {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Work\",\n"
         "      \"Effect\": \"Allow\",\n      \"" +
         element + "\": " + action + ",\n      \"Resource\": \"arn:aws:s3:::example-reports/*\"\n    }\n  ]\n}\n";
}

// 1-based line and column of the first occurrence of `needle` (ASCII text).
using testing::position_of;

std::vector<engine::Diagnostic> only(const std::string& text, const std::string& code) {
  auto ds = testing::lint_text(text, {code});
  std::erase_if(ds, [&](const engine::Diagnostic& d) { return d.rule->code != code; });
  return ds;
}

using testing::contains;

} // namespace

TEST_CASE("PL005 unknown-action: a misspelt action, on its token, with suggestions") {
  const std::string text = identity(R"(["s3:ListBucket", "s3:GetObjekt"])");
  const auto ds = only(text, "PL005");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:GetObjekt\""));
  CHECK(ds[0].statement == "Work");
  CHECK(contains(ds[0].message, "unknown action \"s3:GetObjekt\""));
  CHECK(contains(ds[0].message, "did you mean"));
  CHECK(contains(ds[0].message, "s3:GetObject"));
  CHECK(ds[0].rule->severity == engine::Severity::high);
}

TEST_CASE("PL005 unknown-action: an unknown service prefix suggests near prefixes") {
  const std::string text = identity(R"("s4:GetObject")");
  const auto ds = only(text, "PL005");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s4:GetObject\""));
  CHECK(contains(ds[0].message, "unknown service prefix \"s4\""));
  CHECK(contains(ds[0].message, "s3"));
}

TEST_CASE("PL005 unknown-action: NotAction, and values without a service prefix") {
  const std::string text = identity(R"(["iam:CreateAccesKey", "GetObject"])", "NotAction");
  const auto ds = only(text, "PL005");
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == position_of(text, "\"iam:CreateAccesKey\""));
  CHECK(contains(ds[0].message, "NotAction"));
  CHECK(contains(ds[0].message, "iam:CreateAccessKey"));
  CHECK(ds[1].location.start == position_of(text, "\"GetObject\""));
  CHECK(contains(ds[1].message, "service:ActionName"));
}

TEST_CASE("PL005 unknown-action: real actions in any case, wildcards and retired services are not reported") {
  CHECK(only(identity(R"(["S3:getobject", "s3:List*", "*"])"), "PL005").empty());
  CHECK(only(identity(R"(["deeplens:ListDevices", "zocalo:*"])"), "PL005").empty());
  CHECK(only(identity(R"("s3:Gte*")"), "PL005").empty()); // PL015's
}

TEST_CASE("PL015 action-wildcard-matches-nothing: a pattern that expands to nothing") {
  const std::string text = identity(R"(["s3:Get*", "s3:Gte*"])");
  const auto ds = only(text, "PL015");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:Gte*\""));
  CHECK(contains(ds[0].message, "matches no s3 action"));
  CHECK(ds[0].rule->severity == engine::Severity::medium);
}

TEST_CASE("PL015 action-wildcard-matches-nothing: past 100 dead patterns each is reported, without the hint") {
  // A misspelling the catalog can place ("s3:GetObjekt*" is near s3:GetObject), 120 times.
  std::string list = "[";
  for (int i = 0; i < 120; ++i) {
    list += std::string(i == 0 ? "" : ", ") + "\"s3:GetObjekt*\"";
  }
  const auto ds = only(identity(list + "]"), "PL015");
  REQUIRE(ds.size() == 120);
  CHECK(contains(ds[0].message, "did you mean"));
  CHECK(contains(ds[99].message, "did you mean"));
  CHECK_FALSE(contains(ds[100].message, "did you mean"));
  CHECK(contains(ds[119].message, "matches no s3 action"));
}

TEST_CASE("PL015 action-wildcard-matches-nothing: retired services and wildcard prefixes") {
  const std::string text = identity(R"(["deeplens:*", "s3*:GetObject", "ec2:Describe*"])");
  const auto ds = only(text, "PL015");
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == position_of(text, "\"deeplens:*\""));
  CHECK(contains(ds[0].message, "retired service \"deeplens\""));
  CHECK(ds[1].location.start == position_of(text, "\"s3*:GetObject\""));
  CHECK(contains(ds[1].message, "service prefix"));
  // Unknown, non-retired prefixes are PL005's; "*" and "*:*" are everything.
  CHECK(only(identity(R"(["s4:Get*", "*", "*:*"])"), "PL015").empty());
}

TEST_CASE("PL017 redundant-action: literal under a wildcard, nested patterns, duplicates") {
  const std::string text = identity(R"(["s3:Get*", "s3:GetObject", "s3:*", "s3:listbucket", "S3:ListBucket"])");
  const auto ds = only(text, "PL017");
  // s3:Get* (inside s3:*), s3:GetObject, s3:listbucket (inside s3:*), S3:ListBucket (duplicate).
  REQUIRE(ds.size() == 4);
  CHECK(ds[0].location.start == position_of(text, "\"s3:Get*\""));
  CHECK(contains(ds[0].message, "\"s3:*\""));
  CHECK(ds[1].location.start == position_of(text, "\"s3:GetObject\""));
  CHECK(ds[3].location.start == position_of(text, "\"S3:ListBucket\""));
  CHECK(contains(ds[3].message, "listed twice"));
  CHECK(ds[0].rule->severity == engine::Severity::info);
}

TEST_CASE("PL017 redundant-action: the cover named is the service's first, before a wildcard service, case aside") {
  // Candidates come from an index of lower-cased literal prefixes: "S3:GET*" must still cover
  // "s3:getobject", the own-service pattern is named before "*:Get*" even when it comes later,
  // and a pattern with a wildcard in its service ("s?:Get*") is one of "any service".
  const std::string text = identity(R"(["*:GetObject*", "s3:getobject", "S3:GET*", "s?:Put*", "s3:PutObject"])");
  const auto ds = only(text, "PL017");
  REQUIRE(ds.size() == 2);
  CHECK(ds[0].location.start == position_of(text, "\"s3:getobject\""));
  CHECK(contains(ds[0].message, "\"S3:GET*\" in the same statement"));
  CHECK(ds[1].location.start == position_of(text, "\"s3:PutObject\""));
  CHECK(contains(ds[1].message, "\"s?:Put*\""));
}

TEST_CASE("PL017 redundant-action: 10,000 wildcard patterns of one service stay linear (regression)") {
  // Once every value was compared with every pattern of its service. Asserts findings only;
  // the ctest timeout is what a return of the quadratic cost would trip.
  std::string list = "[";
  for (int n = 0; n < 10000; ++n) {
    list += (n == 0 ? "" : ", ") + ("\"s3:GetObject" + std::to_string(n) + "*\", \"s3:GetObject" + std::to_string(n) + "Tagging\"");
  }
  list += "]";
  const auto ds = only(identity(list), "PL017");
  // Each "s3:GetObjectNTagging" is covered by "s3:GetObjectN*"; "s3:GetObject1*" covers the
  // patterns and actions of 10-19, 100-199, 1000-1999 too, and so on for every digit prefix.
  std::size_t covered_patterns = 0;
  for (const auto& d : ds) {
    covered_patterns += contains(d.message, "*\" is redundant") ? 1U : 0U;
  }
  CHECK(ds.size() == 10000 + covered_patterns);
  CHECK(covered_patterns == 9990); // every N of 2 digits or more has a shorter prefix pattern
}

TEST_CASE("PL017 redundant-action: distinct actions and '?' patterns are not reported") {
  CHECK(only(identity(R"(["s3:GetObject", "s3:PutObject", "s3:List*"])"), "PL017").empty());
  // s3:?et* does not cover s3:*et* (it needs exactly one character before "et").
  CHECK(only(identity(R"(["s3:?et*", "s3:*etObject"])"), "PL017").empty());
}
