// The trust index: which roles' trusts could name a caller, before the evaluator decides.
#include <policylint/account/trust_index.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

using namespace policylint;

namespace {

policy::Policy trust_of(const std::string& principal, const std::string& key = "Principal") {
  const SourceFile file("trust.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", ")" + key +
                                          R"(": )" + principal + R"(, "Action": "sts:AssumeRole"}]})");
  auto tree = json::parse(file);
  REQUIRE(tree);
  policy::BuildOptions options;
  options.forced_kind = policy::PolicyKind::trust;
  return policy::build_policy(*tree, options).policy;
}

} // namespace

TEST_CASE("trust index: principals by name whatever the path, accounts, everyone") {
  const auto by_user = trust_of(R"({"AWS": "arn:aws:iam::111122223333:user/ops/bob"})");
  const auto by_role = trust_of(R"({"AWS": ["arn:aws:iam::111122223333:role/Jump"]})");
  const auto by_account = trust_of(R"({"AWS": "111122223333"})");
  const auto by_root = trust_of(R"({"AWS": "arn:aws:iam::444455556666:root"})");
  const auto everyone = trust_of(R"("*")");
  const auto service = trust_of(R"({"Service": "lambda.amazonaws.com"})");
  const auto negated = trust_of(R"({"AWS": "arn:aws:iam::111122223333:user/eve"})", "NotPrincipal");
  const std::vector<const policy::Policy*> trusts{&by_user, nullptr, &by_role, &by_account, &by_root,
                                                   &everyone, &service, &negated};
  const account::TrustIndex index(trusts);
  CHECK(index.candidates("111122223333", "user", "bob") == std::vector<std::size_t>{0, 3, 5, 7});
  CHECK(index.candidates("111122223333", "role", "Jump") == std::vector<std::size_t>{2, 3, 5, 7});
  CHECK(index.candidates("111122223333", "user", "Jump") == std::vector<std::size_t>{3, 5, 7});
  CHECK(index.candidates("444455556666", "user", "mallory") == std::vector<std::size_t>{4, 5, 7});
  CHECK(index.candidates("999999999999", "role", "x") == std::vector<std::size_t>{5, 7});
}
