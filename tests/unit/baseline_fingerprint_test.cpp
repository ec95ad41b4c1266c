// Baseline fingerprints: independent of whitespace, dependent on rule, place and token; and
// one entry accepts exactly one finding.
#include "support/lint_text.hpp"

#include <policylint/baseline/baseline.hpp>

#include <doctest/doctest.h>

using namespace policylint;

namespace {

std::vector<engine::Diagnostic> stamped(std::string_view text, const std::string& code) {
  const SourceFile file("policy.json", std::string(text));
  engine::LintOptions options;
  options.selection.select = {code};
  auto ds = engine::lint_source(file, options);
  baseline::stamp(file, ds);
  return ds;
}

} // namespace

TEST_CASE("baseline fingerprint: whitespace outside strings does not count, inside strings it does") {
  CHECK(baseline::normalised_token("{ \"a\" :\n\t[ 1 , 2 ] }") == "{\"a\":[1,2]}");
  CHECK(baseline::normalised_token("\"a b\\\" c\"  ") == "\"a b\\\" c\"");
  CHECK(baseline::normalised_token("") == "");
}

TEST_CASE("baseline fingerprint: same finding in a reformatted document, different in another place") {
  const auto a = stamped(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})", "PL101");
  const auto b =
      stamped("{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n      \"Effect\" : \"Allow\",\n"
              "      \"Action\"   :   \"*\",\n      \"Resource\" : \"*\"\n    }\n  ]\n}\n",
              "PL101");
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].fingerprint.size() == 16);
  CHECK(a[0].fingerprint == b[0].fingerprint);
  CHECK(a[0].location.start.line != b[0].location.start.line);
  // The same statement second in the list (no Sid): another place, another fingerprint.
  const auto c = stamped(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]})",
                         "PL101");
  REQUIRE(c.size() == 1);
  CHECK(c[0].fingerprint != a[0].fingerprint);
  CHECK(baseline::location_key(c[0]) == "/Statement/1/Action");
}

TEST_CASE("baseline: each entry accepts one finding, and stale entries are those left for linted files") {
  auto ds = stamped(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]})",
                    "PL101");
  REQUIRE(ds.size() == 1);
  ds[0].file = "/nonexistent-dir/policy.json";
  auto twice = ds;
  twice.push_back(ds[0]);
  const auto entries = baseline::entries_for(ds, "/nonexistent-dir");
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].path == "policy.json");
  CHECK(entries[0].location == "/Statement/Sid=Admin/Action");
  baseline::Baseline b{entries};
  auto outcome = baseline::apply(b, "/nonexistent-dir", twice, {"/nonexistent-dir/policy.json"});
  CHECK(outcome.hidden == 1);
  CHECK(twice.size() == 1);
  // Nothing left to match: the entry is stale (the file is linted, and also gone from disk).
  std::vector<engine::Diagnostic> none;
  outcome = baseline::apply(b, "/nonexistent-dir", none, {});
  CHECK(outcome.stale == 1);
  CHECK(baseline::render({}) == "{\n  \"version\": 1,\n  \"tool\": \"policylint\",\n  \"findings\": []\n}\n");
}
