// PL012 policy-size-exceeds-quota: sizes count characters without whitespace, per policy kind.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust_with_principals(int count) {
  std::string arns;
  for (int i = 0; i < count; ++i) {
    arns += (i == 0 ? "" : ",\n        ") + std::string("\"arn:aws:iam::1111222233") + (i < 10 ? "0" : "") +
            std::to_string(i) + ":role/ci-deployer\"";
  }
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n"
         "    \"Principal\": {\"AWS\": [\n        " +
         arns + "]},\n    \"Action\": \"sts:AssumeRole\"\n  }]\n}\n";
}

std::string identity_with_actions(int count) {
  std::string actions;
  for (int i = 0; i < count; ++i) {
    actions += (i == 0 ? "" : ", ") + std::string("\"s3:GetObject\"");
  }
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [)" + actions +
         R"(], "Resource": "arn:aws:s3:::example-reports/*"}]})";
}

} // namespace

TEST_CASE("PL012 policy-size-exceeds-quota: a trust policy over 2,048 characters") {
  const auto ds = testing::lint_text(trust_with_principals(50), {"PL012"});
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule->code == "PL012");
  CHECK(ds[0].location.start == Position{1, 1});
  CHECK(ds[0].message.find("2048 quota for a role trust policy") != std::string::npos);
  CHECK(testing::lint_text(trust_with_principals(10), {"PL012"}).empty());
}

TEST_CASE("PL012 policy-size-exceeds-quota: identity policies get 6,144 and whitespace does not count") {
  // Each entry is 15 characters ("s3:GetObject" plus a comma); 400 entries pass 6,144.
  CHECK(testing::has_code(testing::lint_text(identity_with_actions(420), {"PL012"}), "PL012"));
  CHECK_FALSE(testing::has_code(testing::lint_text(identity_with_actions(300), {"PL012"}), "PL012"));
  // The same 300 entries padded with whitespace are still under the quota.
  std::string padded = identity_with_actions(300);
  std::string spaced;
  for (char c : padded) {
    spaced += c;
    if (c == ',') {
      spaced += "\n                                ";
    }
  }
  CHECK(spaced.size() > 6144 * 2);
  CHECK_FALSE(testing::has_code(testing::lint_text(spaced, {"PL012"}), "PL012"));
}
