// The committed example checks over real policies (../shared/corpora): every finding's
// counterexample is allowed by the evaluator on that document, with the reported statement
// among the deciding ones, and is reported inside the document. A fresh clone has no
// ../shared: the test then says so and passes.
#include "support/corpora.hpp"
#include "support/custom_checks.hpp"

#include <policylint/json/parser.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

TEST_CASE("custom checks: corpus findings are confirmed by the evaluator") {
  using namespace policylint;
  const fs::path corpora = fs::path(POLICYLINT_SOURCE_DIR) / ".." / "shared" / "corpora";
  if (!policylint::testing::corpus_present(corpora)) {
    return;
  }
  const auto loaded = custom::load_custom_checks({(fs::path(POLICYLINT_SOURCE_DIR) / "rules" / "custom-examples").string()},
                                                 catalog::embedded_catalog());
  REQUIRE(loaded.problems.empty());
  std::vector<fs::path> files;
  for (const char* sub : {"aws-managed", "resource-and-org-policies", "aws-docs-examples"}) {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(corpora / sub, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".json" && e.path().filename() != "index.json") {
        files.push_back(e.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t findings = 0;
  std::size_t confirmed = 0;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const SourceFile file(path.string(), text);
    engine::LintOptions options;
    options.selection.select = {"custom"};
    options.runtime_rules = loaded.checks.rules();
    const auto ds = engine::lint_source(file, options);
    if (ds.empty()) {
      continue;
    }
    auto tree = json::parse(file);
    REQUIRE(tree.has_value());
    if (tree->find("Statement") == nullptr) {
      continue; // a policy inside another format (an AWS CLI response…): the front ends' tests cover those
    }
    const auto built = policy::build_policy(*tree);
    for (const auto& d : ds) {
      ++findings;
      CAPTURE(path.string());
      CAPTURE(d.message);
      REQUIRE(d.counterexample.has_value());
      CHECK(d.range.end <= text.size());
      const auto e = eval::evaluate(built.policy, d.counterexample->request);
      const bool decided = std::any_of(e.deciding.begin(), e.deciding.end(),
                                       [&](const eval::StatementRef& s) { return s.statement->label() == d.statement; });
      if (e.decision == eval::Decision::allowed && decided) {
        ++confirmed;
      }
    }
  }
  MESSAGE(findings << " custom findings in " << files.size() << " corpus files, " << confirmed << " confirmed");
  CHECK(findings > 0);
  CHECK(confirmed == findings);
}
