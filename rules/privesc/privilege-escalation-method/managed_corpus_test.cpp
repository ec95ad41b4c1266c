// The escalation rules over the AWS managed policies (../shared/corpora/aws-managed/latest;
// skipped when absent): the policies flagged are listed in docs/privesc.md with the reason;
// here the clear cases are pinned and every counterexample is confirmed by the evaluator.
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace policylint;

TEST_CASE("privesc rules over the AWS managed policies: flagged where a reviewer agrees") {
  const std::filesystem::path dir = POLICYLINT_SOURCE_DIR "/../shared/corpora/aws-managed/latest";
  if (!std::filesystem::exists(dir)) {
    MESSAGE("skipped: " << dir << " is absent");
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".json") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::set<std::string>> flagged; // code → policy names
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    const std::string name = path.stem().string();
    const auto ds = testing::lint_text(text, {"PL401", "PL402", "PL410"});
    const SourceFile file("policy.json", text);
    auto root = json::parse(file);
    REQUIRE(root.has_value());
    const auto built = policy::build_policy(*root);
    for (const auto& d : ds) {
      if (d.rule->code != "PL401" && d.rule->code != "PL402" && d.rule->code != "PL410") {
        continue;
      }
      flagged[d.rule->code].insert(name);
      CAPTURE(name);
      CAPTURE(d.message);
      REQUIRE(d.counterexample.has_value());
      CHECK(eval::evaluate(built.policy, d.counterexample->request).decision == eval::Decision::allowed);
    }
  }
  for (const auto& [code, names] : flagged) {
    std::string list;
    for (const auto& n : names) {
      list += " " + n;
    }
    MESSAGE(code << " flags " << names.size() << " policies:" << list);
  }
  CHECK(flagged["PL401"].count("IAMFullAccess") == 1);
  CHECK(flagged["PL402"].count("IAMFullAccess") == 1);
  for (const std::string quiet : {"ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit", "IAMReadOnlyAccess"}) {
    CAPTURE(quiet);
    for (const auto& [code, names] : flagged) {
      CHECK(names.count(quiet) == 0);
    }
  }
  // Full access has nothing to escalate to: PL101 speaks about it.
  for (const auto& [code, names] : flagged) {
    CHECK(names.count("AdministratorAccess") == 0);
  }
}
