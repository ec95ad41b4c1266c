// Real material from ../shared/corpora (see its README): every AWS managed policy must parse
// and build without structural errors, and every edge case must be handled without a crash.
// A fresh clone has no ../shared: the tests then say so and pass.
#include "support/corpora.hpp"
#include <doctest/doctest.h>

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path k_corpora = fs::path(POLICYLINT_SOURCE_DIR) / ".." / "shared" / "corpora";

std::vector<fs::path> files_under(const fs::path& dir, bool recursive) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
      if (e.is_regular_file()) {
        out.push_back(e.path());
      }
    }
  } else {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".json") {
        out.push_back(e.path());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A range that a user can be shown: inside the text, or the one-byte position at its end.
bool range_inside(policylint::SourceRange r, std::size_t size) {
  if (r.begin > r.end || r.begin > size) {
    return false;
  }
  return r.end <= size || (r.begin == size && r.end == size + 1);
}

} // namespace

TEST_CASE("corpus: all 1,594 AWS managed policies parse and build without structural errors") {
  const fs::path dir = k_corpora / "aws-managed" / "latest";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  const std::set<std::string> forbidden{"malformed-policy", "duplicate-json-key", "unknown-condition-operator",
                                        "principal-misplaced-or-invalid", "invalid-arn"};
  const auto files = files_under(dir, false);
  CHECK(files.size() == 1594);

  std::size_t statements = 0;
  std::size_t single_object_statements = 0;
  std::size_t not_action = 0;
  std::size_t not_resource = 0;
  std::size_t parse_failures = 0;
  std::size_t bad_documents = 0;
  for (const auto& path : files) {
    const auto name = path.filename().string();
    auto file = policylint::read_source_file(path.string(), name, 0);
    REQUIRE_MESSAGE(file.has_value(), name);
    auto root = policylint::json::parse(*file);
    if (!root) {
      ++parse_failures;
      FAIL_CHECK(name << " does not parse: " << root.error().message);
      continue;
    }
    const auto built = policylint::policy::build_policy(*root);
    bool bad = false;
    for (const auto& issue : built.issues) {
      if (forbidden.count(issue.rule) != 0) {
        bad = true;
        const auto where = file->position(issue.range.begin);
        FAIL_CHECK(name << ":" << where.line << ":" << where.column << ": " << issue.rule << ": " << issue.message);
      }
    }
    bad_documents += bad ? 1U : 0U;
    // AWS managed policies are identity policies, all on the current language version.
    CHECK_MESSAGE(built.policy.kind == policylint::policy::PolicyKind::identity, name);
    CHECK_MESSAGE(built.policy.variables_enabled(), name);
    statements += built.policy.statements.size();
    const auto* statement = root->find("Statement");
    single_object_statements += statement != nullptr && statement->is_object() ? 1U : 0U;
    for (const auto& st : built.policy.statements) {
      CHECK_MESSAGE(st.evaluable, name << " statement " << st.label());
      not_action += st.action.negated ? 1U : 0U;
      not_resource += st.resource.negated ? 1U : 0U;
    }
  }
  CHECK(parse_failures == 0);
  CHECK(bad_documents == 0);
  // The figures of ../shared/corpora/README.md.
  CHECK(statements == 8853);
  CHECK(single_object_statements == 21);
  CHECK(not_action == 14);
  CHECK(not_resource == 15);
}

TEST_CASE("corpus: every edge case parses or fails with a position inside the file") {
  const fs::path dir = k_corpora / "edge-cases";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  const auto files = files_under(dir, true);
  CHECK(files.size() >= 400);
  std::size_t parsed = 0;
  std::size_t failed = 0;
  for (const auto& path : files) {
    const auto name = fs::relative(path, dir).string();
    auto file = policylint::read_source_file(path.string(), name, 0);
    REQUIRE_MESSAGE(file.has_value(), name);
    auto root = policylint::json::parse(*file);
    if (!root) {
      ++failed;
      const auto& error = root.error();
      CHECK_MESSAGE((error.code == policylint::ErrorCode::invalid_json || error.code == policylint::ErrorCode::limit),
                    name);
      REQUIRE_MESSAGE(error.range.has_value(), name << ": " << error.message);
      CHECK_MESSAGE(range_inside(*error.range, file->size()),
                    name << ": [" << error.range->begin << "," << error.range->end << ") in " << file->size()
                         << " bytes");
      continue;
    }
    ++parsed;
    // Whatever the shape, building never fails and every issue points into the file.
    const auto built = policylint::policy::build_policy(*root);
    for (const auto& issue : built.issues) {
      CHECK_MESSAGE(range_inside(issue.range, file->size()), name << ": " << issue.rule << " " << issue.message);
    }
  }
  MESSAGE(parsed << " edge cases parsed, " << failed << " rejected");
  // Both outcomes occur: the folder holds valid policies and deliberately broken files.
  CHECK(parsed > 0);
  CHECK(failed > 0);
}
