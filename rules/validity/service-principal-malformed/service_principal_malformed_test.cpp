// PL025: service principals and kms:ViaService values that are not a service's DNS name.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string trust(const std::string& services) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Assume\",\n"
         "      \"Effect\": \"Allow\",\n      \"Principal\": {\"Service\": " +
         services + "},\n      \"Action\": \"sts:AssumeRole\"\n    }\n  ]\n}\n";
}

std::string via(const std::string& op, const std::string& values) {
  return R"({"Version": "2012-10-17", "Statement": [{"Sid": "UseKey", "Effect": "Allow", "Action": "kms:Decrypt", )"
         R"("Resource": "*", "Condition": {")" +
         op + R"(": {"kms:ViaService": )" + values + "}}}]}";
}

} // namespace

TEST_CASE("PL025 service-principal-malformed: principals on their token") {
  const std::string text = trust(R"(["lambda.amazonaws.com", "lambda", "arn:aws:iam::aws:service/ecs", "EC2.amazonaws.com"])");
  const auto ds = testing::lint_only(text, "PL025");
  REQUIRE(ds.size() == 3);
  CHECK(ds[0].location.start == testing::position_of(text, "\"lambda\""));
  CHECK(testing::contains(ds[0].message, "lambda.amazonaws.com"));
  CHECK(ds[0].rule->severity == engine::Severity::high);
  CHECK(ds[1].location.start == testing::position_of(text, "\"arn:aws:iam::aws:service/ecs\""));
  CHECK(ds[2].location.start == testing::position_of(text, "\"EC2.amazonaws.com\""));
  // Wildcards stand for unresolved intrinsics (Fn::FindInMap, Fn::Sub): not judged.
  CHECK(testing::lint_only(trust(R"(["*", "states.*.amazonaws.com"])"), "PL025").empty());
  // Regional, China and Alexa principals are well formed.
  CHECK(testing::lint_only(trust(R"(["states.us-east-1.amazonaws.com", "ec2.amazonaws.com.cn", "alexa-appkit.amazon.com"])"),
                           "PL025")
            .empty());
}

TEST_CASE("PL025 service-principal-malformed: kms:ViaService values") {
  const std::string bad = via("StringEquals", R"(["s3.us-east-1.amazonaws.com", "s3"])");
  const auto ds = testing::lint_only(bad, "PL025");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(bad, "\"s3\""));
  CHECK(testing::lint_only(via("StringLike", R"("s3.*.amazonaws.com")"), "PL025").empty());
  // A wildcard under an exact operator is literal text, which no service is called.
  CHECK(testing::lint_only(via("StringEquals", R"("s3.*.amazonaws.com")"), "PL025").size() == 1);
  CHECK(testing::lint_only(via("StringEquals", R"("s3.${aws:RequestedRegion}.amazonaws.com")"), "PL025").empty());
}
