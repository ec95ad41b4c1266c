// PL024 action-newer-than-catalog and PL005 unknown-action split the actions the catalog
// lacks: evidence from AWS managed policies, near typos, well-formed newer names.
#include "support/lint_text.hpp"

#include <policylint/catalog/catalog.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string allow(const std::string& actions) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Work\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": " +
         actions + ",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
}

std::string catalog_date() { return std::string(catalog::embedded_catalog().info().data_date); }

} // namespace

TEST_CASE("PL024 action-newer-than-catalog: a well-formed unknown name of a known service is a note") {
  const std::string text = allow(R"(["translate:TranslateText", "translate:TranslateSpokenConversation"])");
  const auto ds = testing::lint_only(text, "PL024");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"translate:TranslateSpokenConversation\""));
  CHECK(ds[0].statement == "Work");
  CHECK(testing::contains(ds[0].message, catalog_date()));
  CHECK(engine::level_of(ds[0].rule->severity) == engine::Level::note);
  CHECK(testing::lint_only(text, "PL005").empty());
}

TEST_CASE("PL024 and PL005: a near typo stays an error with its suggestion") {
  const std::string text = allow(R"(["s3:GetObjekt", "iam:ListRolez"])");
  CHECK(testing::lint_only(text, "PL024").empty());
  const auto ds = testing::lint_only(text, "PL005");
  REQUIRE(ds.size() == 2);
  CHECK(testing::contains(ds[0].message, "s3:GetObject"));
  CHECK(testing::contains(ds[0].message, catalog_date()));
  CHECK(testing::contains(ds[1].message, "iam:ListRoles"));
  // Not letters and digits: no action has such a name.
  CHECK(testing::lint_only(allow(R"("s3:Get-Object-Now")"), "PL005").size() == 1);
  CHECK(testing::lint_only(allow(R"("s3:Get-Object-Now")"), "PL024").empty());
}

TEST_CASE("PL024 and PL005: names AWS managed policies use are known") {
  // Actions and a service the catalog lacks, granted by AWS's own managed policies.
  const std::string text =
      allow(R"(["securityagent:ListAgentInstances", "route53-recovery-control-config:DescribeRoutingControlByName", "builderid:CreateInvitation"])");
  CHECK(testing::lint_only(text, "PL005").empty());
  CHECK(testing::lint_only(text, "PL024").empty());
  // A service only the managed policies name ("datazonecontrol:*"): a new name there is a note.
  CHECK(testing::lint_only(allow(R"("datazonecontrol:DescribeSomethingNew")"), "PL024").size() == 1);
  CHECK(testing::lint_only(allow(R"("datazonecontrol:DescribeSomethingNew")"), "PL005").empty());
  // An unknown service nobody uses stays an error.
  CHECK(testing::lint_only(allow(R"("notaservice:DescribeThings")"), "PL005").size() == 1);
}

TEST_CASE("PL007 unknown-condition-key: a key AWS managed policies test is known") {
  const std::string text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
                           "\"organizations:DescribeOrganization\", \"Resource\": \"*\", \"Condition\": "
                           "{\"StringEquals\": {\"aws:PrincipalOrgMasterAccountId\": \"111122223333\"}}}]}";
  CHECK(testing::lint_only(text, "PL007").empty());
  const std::string typo = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
                           "\"organizations:DescribeOrganization\", \"Resource\": \"*\", \"Condition\": "
                           "{\"StringEquals\": {\"aws:PrincipalOrgMasterAcountId\": \"111122223333\"}}}]}";
  CHECK(testing::lint_only(typo, "PL007").size() == 1);
}
