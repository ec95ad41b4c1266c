// GitHub rejects a SARIF run with more than 25,000 results: the writer keeps the most severe.
#include <policylint/engine/registry.hpp>
#include <policylint/output/report.hpp>
#include <policylint/output/sarif_limits.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace policylint;

namespace {

engine::Diagnostic finding(const char* code, std::uint32_t line) {
  engine::Diagnostic d;
  d.rule = engine::find_rule(code);
  REQUIRE(d.rule != nullptr);
  d.file = "policies/generated.json";
  d.location.start = Position{line, 1};
  d.location.end = Position{line, 2};
  d.message = "finding";
  return d;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

} // namespace

TEST_CASE("SARIF: over GitHub's 25000 results per run the most severe are kept") {
  // A generated repository: many redundant actions (low) and a few administrators (high) last.
  const auto* low = engine::find_rule("PL017");
  const auto* high = engine::find_rule("PL101");
  REQUIRE(low != nullptr);
  REQUIRE(high != nullptr);
  REQUIRE(low->severity < high->severity);
  output::Report report;
  for (std::uint32_t i = 0; i < output::k_sarif_max_results + 5; ++i) {
    report.diagnostics.push_back(finding("PL017", i + 1));
  }
  for (std::uint32_t i = 0; i < 3; ++i) {
    report.diagnostics.push_back(finding("PL101", output::k_sarif_max_results + 10 + i));
  }
  const std::string sarif = output::write_sarif(report);
  CHECK(count_of(sarif, "{\"ruleId\": ") == output::k_sarif_max_results);
  CHECK(count_of(sarif, "{\"ruleId\": \"PL101\"") == 3);

  const auto kept = output::sarif_kept(report.diagnostics);
  REQUIRE(kept.size() == output::k_sarif_max_results);
  CHECK(std::is_sorted(kept.begin(), kept.end())); // original order
  CHECK(kept.front() == 0);                        // ties keep the earlier finding
}

TEST_CASE("SARIF: under the limit every finding is kept") {
  output::Report report;
  report.diagnostics.push_back(finding("PL017", 1));
  report.diagnostics.push_back(finding("PL101", 2));
  CHECK(output::sarif_kept(report.diagnostics).size() == 2);
}
