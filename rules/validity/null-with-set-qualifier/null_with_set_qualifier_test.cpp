// PL041: ForAnyValue:/ForAllValues: on Null, on the operator; not where PL018 reports it.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"CreateTagged\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": \"ec2:CreateVolume\",\n"
         "      \"Resource\": \"*\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

std::size_t count(const std::string& condition) {
  return testing::lint_only(with(condition), "PL041").size();
}

} // namespace

TEST_CASE("PL041 null-with-set-qualifier: a qualified Null on a multivalued key, on the operator") {
  const std::string text = with(R"({"ForAllValues:Null": {"aws:TagKeys": "false"}})");
  const auto ds = testing::lint_only(text, "PL041");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"ForAllValues:Null\""));
  CHECK(ds[0].statement == "CreateTagged");
  CHECK(testing::contains(ds[0].message, "write \"Null\": {\"aws:TagKeys\": \"false\"}"));

  CHECK(count(R"({"ForAnyValue:Null": {"aws:TagKeys": "true"}})") == 1);
  // A key the catalog does not know.
  CHECK(count(R"({"ForAnyValue:Null": {"ec2:NoSuchKey": "true"}})") == 1);
}

TEST_CASE("PL041 null-with-set-qualifier: plain Null, other operators and PL018's keys are not reported") {
  CHECK(count(R"({"Null": {"aws:TagKeys": "false"}})") == 0);
  CHECK(count(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "cost-center"]}})") == 0);
  // A single-valued catalog key: PL018 reports the same operator token.
  const std::string single = with(R"({"ForAnyValue:Null": {"aws:SourceVpc": "true"}})");
  CHECK(testing::lint_only(single, "PL041").empty());
  CHECK(testing::lint_only(single, "PL018").size() == 1);
}
