// PL040: a statement identical to an earlier one apart from its Sid, on the later statement.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string two(const std::string& first, const std::string& second) {
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + first + ",\n    " + second + "\n  ]\n}\n";
}

std::size_t count(const std::string& first, const std::string& second) {
  return testing::lint_only(two(first, second), "PL040").size();
}

} // namespace

TEST_CASE("PL040 redundant-statement: the later copy, lists compared as sets, on the statement") {
  const std::string first = R"({"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], )"
                            R"("Resource": ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"], )"
                            R"("Condition": {"Bool": {"aws:SecureTransport": "true"}}})";
  const std::string second = R"({"Sid": "ReadAgain", "Effect": "Allow", "Action": ["S3:ListBucket", "s3:GetObject", )"
                             R"("s3:GetObject"], "Resource": ["arn:aws:s3:::example-data/*", "arn:aws:s3:::example-data"], )"
                             R"("Condition": {"Bool": {"AWS:SecureTransport": ["true"]}}})";
  const std::string text = two(first, second);
  const auto ds = testing::lint_only(text, "PL040");
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].location.start == testing::position_of(text, "{\"Sid\": \"ReadAgain\""));
  CHECK(ds[0].statement == "ReadAgain");
  CHECK(testing::contains(ds[0].message, "statement ReadAgain is identical to statement Read"));

  // A third copy is reported once, naming the first.
  const std::string three = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + first + ",\n    " +
                            second + ",\n    " + second + "\n  ]\n}\n";
  CHECK(testing::lint_only(three, "PL040").size() == 2);

  // Same Sid twice (PL004's finding): the statements are told apart by place.
  const auto same = testing::lint_only(two(first, first), "PL040");
  REQUIRE(same.size() == 1);
  CHECK(testing::contains(same[0].message, "statement #2 is identical to statement #1"));
}

TEST_CASE("PL040 redundant-statement: statements that differ in any element are not reported") {
  const std::string base = R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*"})";
  CHECK(count(base, R"({"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*"})") == 0);
  CHECK(count(base, R"({"Effect": "Allow", "NotAction": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*"})") == 0);
  CHECK(count(base, R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::Example-Data/*"})") == 0);
  CHECK(count(base, R"({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], )"
                    R"("Resource": "arn:aws:s3:::example-data/*"})") == 0);
  CHECK(count(base, R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-data/*", )"
                    R"("Condition": {"Bool": {"aws:SecureTransport": "true"}}})") == 0);
  CHECK(count(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", )"
              R"("Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}})",
              R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", )"
              R"("Condition": {"StringEquals": {"aws:PrincipalTag/team": "Red"}}})") == 0);
  CHECK(count(R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", )"
              R"("Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}})",
              R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", )"
              R"("Condition": {"StringLike": {"aws:PrincipalTag/team": "red"}}})") == 0);
}
