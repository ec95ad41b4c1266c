// PL308: a Roles Anywhere trust statement must allow sts:AssumeRole, sts:SetSourceIdentity and
// sts:TagSession.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& services, const std::string& actions) {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "RolesAnywhere", "Effect": "Allow", "Principal": {"Service": )" +
         services + R"(}, "Action": )" + actions + "}]}";
}

} // namespace

TEST_CASE("PL308 roles-anywhere-trust-missing-actions: the missing actions, on the principal") {
  const std::string text = trust(R"(["ec2.amazonaws.com", "rolesanywhere.amazonaws.com"])", R"(["sts:AssumeRole"])");
  const auto ds = testing::lint_only(text, "PL308");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "\"rolesanywhere.amazonaws.com\""));
  CHECK(ds[0].statement == "RolesAnywhere");
  CHECK(testing::contains(ds[0].message, "sts:SetSourceIdentity and sts:TagSession"));
  const auto one = testing::lint_only(trust(R"("rolesanywhere.amazonaws.com")", R"(["sts:AssumeRole", "sts:TagSession"])"), "PL308");
  REQUIRE(one.size() == 1);
  CHECK(testing::contains(one[0].message, "without sts:SetSourceIdentity:"));
}

TEST_CASE("PL308 negatives: all three, wildcards, other services") {
  CHECK(testing::lint_only(trust(R"("rolesanywhere.amazonaws.com")",
                                 R"(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"])"),
                           "PL308")
            .empty());
  CHECK(testing::lint_only(trust(R"("rolesanywhere.amazonaws.com")", R"("sts:*")"), "PL308").empty());
  CHECK(testing::lint_only(trust(R"("rolesanywhere.amazonaws.com")", R"(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:Tag*"])"), "PL308")
            .empty());
  CHECK(testing::lint_only(trust(R"("ec2.amazonaws.com")", R"("sts:AssumeRole")"), "PL308").empty());
}
