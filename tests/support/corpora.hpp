#pragma once
// Real third-party material lives in ../shared/corpora beside the repository: CI has it, a fresh
// clone does not. A test that needs it asks corpus_present() first, so that its absence is
// never a silent pass: ctest shows the case as Skipped (the discovery's SKIP_REGULAR_EXPRESSION
// matches the line printed here), and with POLICYLINT_REQUIRE_CORPORA=1 (CI) it fails instead.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string_view>

namespace policylint::testing {

inline const std::filesystem::path k_corpora_root =
    std::filesystem::path(POLICYLINT_SOURCE_DIR) / ".." / "shared" / "corpora";

inline bool corpora_required() {
  const char* required = std::getenv("POLICYLINT_REQUIRE_CORPORA");
  return required != nullptr && std::string_view(required) == "1";
}

inline bool corpus_present(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return true;
  }
  if (corpora_required()) {
    FAIL("POLICYLINT_REQUIRE_CORPORA=1 but the corpus is absent: " << path.string());
  }
  std::cout << "[policylint skipped] corpus absent: " << path.string() << '\n';
  return false;
}

} // namespace policylint::testing
