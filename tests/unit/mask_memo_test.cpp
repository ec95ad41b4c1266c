// The masks and resource types shared between engines must be what each engine would have
// computed alone.
#include <policylint/catalog/catalog.hpp>
#include <policylint/query/mask_memo.hpp>
#include <policylint/query/resource_types.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

using namespace policylint;

TEST_CASE("mask memo: a remembered mask is the catalog's own, list by list") {
  const auto& catalog = catalog::embedded_catalog();
  REQUIRE(catalog.action_count() > 0);
  const std::array<std::string_view, 2> reads{"s3:Get*", "s3:List*"};
  const std::array<std::string_view, 1> pass{"iam:PassRole"};
  const auto first = query::shared_match_mask(catalog, "s3:Get*\ns3:List*\n", reads);
  CHECK(first == catalog.match_mask(reads));
  CHECK(query::shared_match_mask(catalog, "s3:Get*\ns3:List*\n", reads) == first); // from the memo
  const auto other = query::shared_match_mask(catalog, "iam:PassRole\n", pass);
  CHECK(other == catalog.match_mask(pass));
  CHECK(other != first);
  const auto pass_role = catalog.find_action("iam:PassRole");
  REQUIRE(pass_role);
  CHECK(other[pass_role->index()]);
}

TEST_CASE("mask memo: another catalog is never served from the embedded one's memo") {
  const catalog::Catalog empty;
  const std::array<std::string_view, 1> reads{"s3:Get*"};
  CHECK(query::shared_match_mask(catalog::embedded_catalog(), "s3:Get*\n", reads).size() > 0);
  CHECK(query::shared_match_mask(empty, "s3:Get*\n", reads).empty());
  CHECK(query::shared_type_table(empty) == nullptr);
}

TEST_CASE("resource types: the process's table agrees with a table of one's own") {
  const auto& catalog = catalog::embedded_catalog();
  const query::ResourceTypeTable* shared = query::shared_type_table(catalog);
  REQUIRE(shared != nullptr);
  CHECK(query::shared_type_table(catalog) == shared);
  const query::ResourceTypeTable own(catalog);
  const auto get_object = catalog.find_action("s3:GetObject");
  REQUIRE(get_object);
  const auto& types = shared->types_of(get_object->index());
  CHECK(types == own.types_of(get_object->index()));
  REQUIRE_FALSE(types.empty());
  const auto any_matches = [&](std::string_view arn) {
    return std::any_of(types.begin(), types.end(), [&](std::uint32_t t) { return shared->matches(t, arn); });
  };
  CHECK(shared->type(types.front()).service == "s3");
  CHECK(any_matches("arn:aws:s3:::bucket/key"));
  CHECK_FALSE(any_matches("arn:aws:sqs:us-east-1:111122223333:queue"));
}
