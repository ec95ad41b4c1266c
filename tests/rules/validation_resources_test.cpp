// PL009 resource-type-mismatch: an Action entry that none of the statement's ARNs can match.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace policylint;

namespace {

std::string statement(const std::string& action, const std::string& resource) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Work\",\n"
         "      \"Effect\": \"Allow\",\n      \"Action\": " +
         action + ",\n      \"Resource\": " + resource + "\n    }\n  ]\n}\n";
}

Position position_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  Position p;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::vector<engine::Diagnostic> only(const std::string& text) {
  auto ds = testing::lint_text(text, {"PL009"});
  std::erase_if(ds, [](const engine::Diagnostic& d) { return d.rule->code != "PL009"; });
  return ds;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

} // namespace

TEST_CASE("PL009 resource-type-mismatch: a wildcard-only action with a specific ARN") {
  const std::string text = statement(R"(["s3:ListAllMyBuckets", "s3:GetObject"])", R"("arn:aws:s3:::example-reports/*")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:ListAllMyBuckets\""));
  CHECK(ds[0].statement == "Work");
  CHECK(contains(ds[0].message, "\"Resource\": \"*\""));
}

TEST_CASE("PL009 resource-type-mismatch: actions of one service on another service's ARNs") {
  const std::string text =
      statement(R"(["s3:Get*", "dynamodb:GetItem"])", R"("arn:aws:dynamodb:us-east-1:111122223333:table/orders")");
  const auto ds = only(text);
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == position_of(text, "\"s3:Get*\""));
  CHECK(contains(ds[0].message, "dynamodb"));
}

TEST_CASE("PL009 resource-type-mismatch: matching services, Resource *, wildcard services are not judged") {
  CHECK(only(statement(R"(["s3:GetObject", "s3:ListBucket"])",
                       R"(["arn:aws:s3:::example-reports", "arn:aws:s3:::example-reports/*"])"))
            .empty());
  CHECK(only(statement(R"(["s3:ListAllMyBuckets"])", R"("*")")).empty());
  CHECK(only(statement(R"(["s3:ListAllMyBuckets"])", R"(["arn:aws:s3:::b", "*"])")).empty());
  CHECK(only(statement(R"(["s3:ListAllMyBuckets"])", R"("arn:aws:*:*:*:*")")).empty());
  // iam:PassRole acts on IAM roles.
  CHECK(only(statement(R"("iam:PassRole")", R"("arn:aws:iam::111122223333:role/app")")).empty());
}
