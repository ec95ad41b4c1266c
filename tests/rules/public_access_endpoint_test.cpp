// PL320 and VPC endpoint policies: an endpoint policy has the shape of a resource policy
// (Principal "*") but only filters requests made through the endpoint from inside the VPC,
// so it is not public access. Recognised by what a single resource's policy cannot contain.
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

std::string doc(const std::string& statements) {
  return R"({"Version": "2012-10-17", "Statement": [)" + statements + "]}";
}

std::size_t pl320(const std::string& text) { return testing::lint_text(text, {"PL320"}).size(); }

} // namespace

TEST_CASE("PL320: AWS's default VPC endpoint policy (every action on every resource) is not public") {
  CHECK(pl320(doc(R"({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})")) == 0);
}

TEST_CASE("PL320: an S3 gateway endpoint policy naming AWS-owned buckets is not public") {
  CHECK(pl320(doc(R"({"Sid": "AllowRequestsToAWSOwnedResources", "Effect": "Allow", "Principal": "*",
                       "Action": ["s3:GetObject", "s3:ListBucket"],
                       "Resource": ["arn:aws:s3:::packages.us-east-1.amazonaws.com/*",
                                    "arn:aws:s3:::repo.us-east-1.amazonaws.com/*"]})")) == 0);
}

TEST_CASE("PL320: an endpoint policy covering several services is not public") {
  CHECK(pl320(doc(R"({"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "dynamodb:GetItem"],
                       "Resource": "*"})")) == 0);
}

TEST_CASE("PL320: single-resource policies are still checked") {
  // A public bucket policy on one bucket.
  CHECK(pl320(doc(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": "arn:aws:s3:::example-bucket/*"})")) == 1);
  // A key policy open to everyone: one service, so not an endpoint policy.
  CHECK(pl320(doc(R"({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"})")) == 1);
  // A bucket policy naming the bucket and its objects is one bucket.
  CHECK(pl320(doc(R"({"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"],
                       "Resource": ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"]})")) == 1);
}
