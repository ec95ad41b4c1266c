// Findings per rule over every real corpus (../shared/corpora): a refactor must not change them,
// and a change that does must show in tests/golden/corpora-rule-counts.txt, reviewed like any
// golden (POLICYLINT_UPDATE_GOLDEN=1 rewrites it). Skipped, visibly, where the corpora are absent.
#include "cli/process.hpp"
#include "support/corpora.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>

using namespace policylint::testing::cli;

namespace {

// "corpus PLnnn count" lines, sorted, for every finding of a whole run over the corpus folder.
std::string counts_for(const std::string& corpus) {
  RunOptions options;
  options.timeout_s = 1800; // whole corpora with every rule, under the sanitizers on a busy machine
  const auto r = run({"--format", "json", "--exit-zero", "-q", "--max-file-size", "0", "--no-config",
                      (policylint::testing::k_corpora_root / corpus).string()},
                     options);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::map<std::string, std::size_t> per_rule;
  static const std::regex code(R"re("code": "(PL[0-9]{3}|[A-Z]+[0-9]+)")re");
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), code); it != std::sregex_iterator(); ++it) {
    ++per_rule[(*it)[1].str()];
  }
  std::ostringstream out;
  for (const auto& [rule, n] : per_rule) {
    out << corpus << ' ' << rule << ' ' << n << '\n';
  }
  return out.str();
}

} // namespace

TEST_CASE("corpora: findings per rule and corpus match the recorded counts") {
  if (!policylint::testing::corpus_present(policylint::testing::k_corpora_root)) {
    return;
  }
  std::string all;
  for (const char* corpus : {"aws-managed/latest", "aws-docs-examples", "auth-details", "cfn", "edge-cases",
                             "resource-and-org-policies", "terraform-plans"}) {
    all += counts_for(corpus);
  }
  const fs::path golden = source_dir() / "tests" / "golden" / "corpora-rule-counts.txt";
  const char* update = std::getenv("POLICYLINT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(golden, all);
    return;
  }
  CHECK(read_file(golden) == all);
}
