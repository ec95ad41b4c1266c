// The escalation method catalog (src/policylint/privesc/methods.hpp): the embedded data
// parses, covers the path catalog it names as a source, and bad data is an error with a place.
#include <doctest/doctest.h>

#include <policylint/privesc/methods.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

using namespace policylint;

TEST_CASE("privesc methods: the embedded catalog parses and every method is complete") {
  const auto all = privesc::methods();
  REQUIRE(all.size() >= 66);
  std::set<std::string> families;
  for (const auto& m : all) {
    CAPTURE(m.id);
    CHECK_FALSE(m.steps.empty());
    CHECK_FALSE(m.sources.empty());
    families.insert(m.family);
    for (const auto& s : m.steps) {
      CHECK(s.action.find(':') != std::string::npos);
      // A role is passed to one named service: iam:PassedToService decides which methods it completes.
      if (s.action == "iam:PassRole") {
        REQUIRE(s.context.size() == 1);
        CHECK(s.context.front().first == "iam:PassedToService");
        CHECK(s.context.front().second.ends_with(".amazonaws.com"));
      }
      if (s.target) {
        CHECK(s.unnamed.find("policylint-unnamed") != std::string::npos);
      }
    }
  }
  CHECK(families == std::set<std::string>{"credentials", "existing-compute", "passrole-new-compute",
                                          "policy-manipulation", "role-assumption", "trust-manipulation"});
  // AWS managed policies cannot take new versions: the policy step names customer accounts only.
  const auto* iam001 = privesc::find_method("iam-001");
  REQUIRE(iam001 != nullptr);
  CHECK(iam001->steps.front().resource == "arn:aws:iam::????????????:policy/*");
  CHECK(privesc::find_method("no-such-method") == nullptr);
}

TEST_CASE("privesc methods: every path of the shared pathfinding.cloud catalog is present") {
  const std::filesystem::path yaml = POLICYLINT_SOURCE_DIR "/../shared/reference/privesc/pathfinding-paths-catalog.yaml";
  if (!std::filesystem::exists(yaml)) {
    MESSAGE("skipped: " << yaml << " is absent");
    return;
  }
  std::ifstream in(yaml);
  std::string line;
  std::size_t paths = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("- id: ")) {
      const std::string id = line.substr(6);
      CAPTURE(id);
      const auto* m = privesc::find_method(id);
      REQUIRE(m != nullptr);
      CHECK(m->sources.front() == "pathfinding.cloud:" + id);
      ++paths;
    }
  }
  CHECK(paths == 66);
}

TEST_CASE("privesc methods: bad data is an error at the offending value") {
  const std::string missing_action = R"({"methods": [{"id": "x", "family": "f", "sources": ["s"], "steps": [{"resource": "*"}]}]})";
  auto r = privesc::parse_methods(missing_action);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find("action") != std::string::npos);
  REQUIRE(r.error().range.has_value());
  CHECK(missing_action.substr(r.error().range->begin, 1) == "{");
  CHECK(r.error().range->begin == missing_action.find("{\"resource\""));

  const std::string target_without_unnamed =
      R"({"methods": [{"id": "x", "family": "f", "sources": ["s"], "steps": [{"action": "iam:PassRole", "target": true}]}]})";
  auto t = privesc::parse_methods(target_without_unnamed);
  REQUIRE_FALSE(t.has_value());
  CHECK(t.error().message.find("unnamed") != std::string::npos);

  const std::string twice = R"({"methods": [
    {"id": "x", "family": "f", "sources": ["s"], "steps": [{"action": "iam:CreateAccessKey"}]},
    {"id": "x", "family": "f", "sources": ["s"], "steps": [{"action": "iam:CreateLoginProfile"}]}]})";
  auto d = privesc::parse_methods(twice);
  REQUIRE_FALSE(d.has_value());
  CHECK(d.error().message.find("twice") != std::string::npos);

  const std::string good = R"({"methods": [{"id": "b", "family": "f", "sources": ["s"], "steps": [{"action": "a:B"}]},
    {"id": "a", "family": "f", "sources": ["s"], "steps": [{"action": "a:C", "context": {"k": "v"}}]}]})";
  auto g = privesc::parse_methods(good);
  REQUIRE(g.has_value());
  REQUIRE(g->size() == 2);
  CHECK(g->front().id == "a"); // sorted by id
  CHECK(g->front().steps.front().context.front().second == "v");
}
