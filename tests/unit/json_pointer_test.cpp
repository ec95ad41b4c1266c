// RFC 6901 pointers for findings: the deepest node at an offset, escaping, Sid lookup, and
// the pointer every finding gets from the runner.
#include "support/lint_text.hpp"

#include <policylint/engine/json_pointer.hpp>
#include <policylint/json/parser.hpp>

#include <doctest/doctest.h>

using namespace policylint;

namespace {

constexpr std::string_view k_policy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
    {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"a/b~c": "203.0.113.0/24"}}}
  ]
}
)";

struct Parsed {
  SourceFile file;
  json::Value root;
};

Parsed parse(std::string_view text) {
  SourceFile file("p.json", std::string(text));
  auto tree = json::parse(file);
  REQUIRE(tree);
  return Parsed{std::move(file), std::move(*tree)};
}

std::uint32_t offset_of(std::string_view text, std::string_view needle, std::size_t nth = 0) {
  std::size_t at = text.find(needle);
  for (std::size_t i = 0; i < nth; ++i) {
    at = text.find(needle, at + 1);
  }
  REQUIRE(at != std::string_view::npos);
  return static_cast<std::uint32_t>(at);
}

} // namespace

TEST_CASE("json pointer: the deepest node containing an offset") {
  const auto p = parse(k_policy);
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "\"2012-10-17\"")) == "/Version");
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "\"s3:ListBucket\"") + 3) == "/Statement/0/Action/1");
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "\"*\"")) == "/Statement/0/Resource");
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "\"*\"", 1)) == "/Statement/1/Action");
  // A key token stands for its member.
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "\"Action\"", 1)) == "/Statement/1/Action");
  // '/' and '~' in keys are escaped.
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "\"203.0.113.0/24\"")) ==
        "/Statement/1/Condition/IpAddress/a~1b~0c");
  // Whitespace between nodes belongs to the enclosing container; outside everything: "".
  CHECK(engine::pointer_at(p.root, offset_of(k_policy, "[\n    {") + 2) == "/Statement");
  CHECK(engine::pointer_at(p.root, 0) == "");
  CHECK(engine::pointer_at(p.root, 100000) == "");
}

TEST_CASE("json pointer: Sid of the enclosing statement, array or single object") {
  const auto p = parse(k_policy);
  CHECK(engine::statement_sid_at(p.root, "/Statement/0/Action/1") == "ReadReports");
  CHECK(engine::statement_sid_at(p.root, "/Statement/1/Action") == "");
  CHECK(engine::statement_sid_at(p.root, "/Statement/7") == "");
  CHECK(engine::statement_sid_at(p.root, "/Version") == "");
  const auto single = parse(R"({"Statement": {"Sid": "Only", "Effect": "Allow", "Action": "*", "Resource": "*"}})");
  CHECK(engine::statement_sid_at(single.root, "/Statement/Action") == "Only");
}

TEST_CASE("json pointer: parsing, escaping and containment") {
  CHECK(engine::escape_pointer_token("a/b~c") == "a~1b~0c");
  const auto tokens = engine::parse_pointer("/Statement/0/a~1b~0c");
  REQUIRE(tokens);
  CHECK(*tokens == std::vector<std::string>{"Statement", "0", "a/b~c"});
  CHECK(engine::parse_pointer("")->empty());
  CHECK_FALSE(engine::parse_pointer("Statement/0"));
  CHECK_FALSE(engine::parse_pointer("/a~2"));
  CHECK_FALSE(engine::parse_pointer("/a~"));
  CHECK(engine::pointer_within("/Statement/0/Action", "/Statement/0"));
  CHECK(engine::pointer_within("/Statement/0", "/Statement/0"));
  CHECK(engine::pointer_within("/Statement/0", ""));
  CHECK_FALSE(engine::pointer_within("/Statement/01/Action", "/Statement/0"));
  CHECK_FALSE(engine::pointer_within("/Statement", "/Statement/0"));
}

TEST_CASE("json pointer: every finding carries its pointer and Sid") {
  const auto ds = testing::lint_text(k_policy, {"PL101"});
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].pointer == "/Statement/1/Action");
  CHECK(ds[0].sid.empty());
  const auto admin = testing::lint_text(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]})",
                                        {"PL101"});
  REQUIRE(admin.size() == 1);
  CHECK(admin[0].pointer == "/Statement/0/Action");
  CHECK(admin[0].sid == "Admin");
  // A document that does not parse has no tree: the pointer is the whole document.
  const auto broken = testing::lint_text("{\"Statement\": [", {});
  REQUIRE_FALSE(broken.empty());
  CHECK(broken[0].pointer.empty());
}
