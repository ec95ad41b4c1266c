// docs/rules.md is generated; this keeps it from going stale. Regenerate with
//   build/dev/policylint rules --format markdown > docs/rules.md
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

TEST_CASE("docs/rules.md matches the rule table") {
  std::string generated;
  FILE* pipe = ::popen(POLICYLINT_BINARY " rules --format markdown", "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    generated.append(buffer, n);
  }
  CHECK(::pclose(pipe) == 0);
  std::ifstream in(POLICYLINT_SOURCE_DIR "/docs/rules.md");
  std::stringstream committed;
  committed << in.rdbuf();
  CHECK_MESSAGE(committed.str() == generated,
                "docs/rules.md is stale: run `policylint rules --format markdown > docs/rules.md`");
}
