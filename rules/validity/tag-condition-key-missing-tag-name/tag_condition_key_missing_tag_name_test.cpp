// PL036: a tag condition key without its /tag-key part, on the key; keys with a tag name are not.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string with(const std::string& condition) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"StopTeam\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": [\"ec2:StopInstances\", \"s3:GetObject\"],\n"
         "      \"Resource\": \"*\",\n      \"Condition\": " +
         condition + "\n    }\n  ]\n}\n";
}

std::size_t count(const std::string& condition) {
  return testing::lint_only(with(condition), "PL036").size();
}

} // namespace

TEST_CASE("PL036 tag-condition-key-missing-tag-name: a tag key without a tag name, on the key") {
  const std::string text =
      with(R"({"StringEquals": {"aws:ResourceTag/team": "analytics", "aws:ResourceTag": "analytics"}})");
  const auto ds = testing::lint_only(text, "PL036");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"aws:ResourceTag\""));
  CHECK(testing::contains(ds[0].message, "\"aws:ResourceTag/<tag-key>\""));
  CHECK(ds[0].statement == "StopTeam");
  CHECK(count(R"({"StringEquals": {"aws:requesttag/": "analytics"}})") == 1); // a '/' and no name
  CHECK(count(R"({"StringEquals": {"aws:PrincipalTag": "analytics"}})") == 1);
  CHECK(count(R"({"StringEquals": {"ec2:ResourceTag": "analytics"}})") == 1);
  CHECK(count(R"({"StringEquals": {"s3:ExistingObjectTag": "public"}})") == 1);
  // One finding per key: neither PL007 (unknown key) nor PL031 (tag key per service) adds its own.
  const std::string bare = with(R"({"StringEquals": {"aws:RequestTag/": "analytics", "ec2:ResourceTag": "web"}})");
  CHECK(testing::lint_only(bare, "PL007").empty());
  CHECK(testing::lint_only(bare, "PL031").empty());
  CHECK(testing::lint_only(bare, "PL036").size() == 2);
}

TEST_CASE("PL036 tag-condition-key-missing-tag-name: keys with a tag name and aws:TagKeys are not reported") {
  CHECK(count(R"({"StringEquals": {"ec2:ResourceTag/Name": "web"}})") == 0);
  CHECK(count(R"({"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}})") == 0);
  CHECK(count(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}})") == 0);
  CHECK(count(R"({"StringEquals": {"s3:ExistingObjectTag/class": "public"}})") == 0);
  // Only AWS's global namespace has PrincipalTag; other look-alikes are PL007's unknown keys.
  CHECK(count(R"({"StringEquals": {"ec2:PrincipalTag": "x"}})") == 0);
  CHECK(count(R"({"Null": {"aws:ResourceTagged": "false"}})") == 0);
}
