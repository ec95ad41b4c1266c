// account::acting_as: the principals a caller can act as, each reached by concrete requests
// the evaluator allows — assumption edges, a trust policy it may rewrite, a user whose keys it
// may create — and only principals named literally for the last two.
#include "support/account_builder.hpp"

#include <policylint/account/acting_as.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;

namespace {

const std::string k_lambda_trust = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";

std::vector<std::string> names(const account::Graph& g, const std::vector<account::ActingAs>& found) {
  std::vector<std::string> out;
  for (const auto& a : found) {
    out.push_back(g.display_name(g.nodes()[a.node]));
  }
  return out;
}

} // namespace

TEST_CASE("acting_as: itself, an assumable role, a rewritable trust and a user's new keys") {
  AccountBuilder b;
  b.role("Assumable", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:user/dev"}, "Action": "sts:AssumeRole"}]})", {});
  b.role("Rewritable", k_lambda_trust, {});
  b.role("Untouched", k_lambda_trust, {});
  b.user("ci", {});
  b.user("ops", {});
  b.user("dev", {b.policy("Dev", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Assumable"},
    {"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "arn:aws:iam::111122223333:role/Rewritable"},
    {"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/ci"},
    {"Effect": "Allow", "Action": "iam:CreateLoginProfile", "Resource": "arn:aws:iam::111122223333:user/o*"},
    {"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/ops"}]})")});
  const account::Graph g(b.account());
  const auto dev = g.find("user/dev");
  REQUIRE(dev);
  const auto found = account::acting_as(g, *dev, false);
  // ops is named only through a pattern (that is any user: PL401's), the untouched role not at all.
  CHECK(names(g, found) == std::vector<std::string>{"user/dev", "role/Assumable", "role/Rewritable", "user/ci"});
  CHECK(found[0].before.empty());
  CHECK(found[0].after.empty());
  CHECK(found[1].after == std::vector<std::string>{"sts:AssumeRole arn:aws:iam::111122223333:role/Assumable"});
  CHECK(found[2].before == std::vector<std::string>{"iam:UpdateAssumeRolePolicy arn:aws:iam::111122223333:role/Rewritable"});
  CHECK(found[2].after == std::vector<std::string>{"sts:AssumeRole arn:aws:iam::111122223333:role/Rewritable"});
  CHECK(found[3].after == std::vector<std::string>{"iam:CreateAccessKey arn:aws:iam::111122223333:user/ci"});
}

TEST_CASE("acting_as: a Deny on the named request leaves the principal out") {
  AccountBuilder b;
  b.user("ci", {});
  b.user("dev", {b.policy("Dev", allow_json("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/ci")),
                 b.policy("NoKeys", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                   "Action": "iam:CreateAccessKey", "Resource": "*"}]})")});
  const account::Graph g(b.account());
  CHECK(account::acting_as(g, *g.find("user/dev"), false).size() == 1);
}
