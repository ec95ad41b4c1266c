#pragma once
// What the front-end tests share: reading a file through the front end the runner would pick,
// and the position of a finding.
#include "support/lint_text.hpp"

#include <policylint/frontend/frontend.hpp>
#include <policylint/json/parser.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace policylint::testing {

inline const std::filesystem::path k_corpora = std::filesystem::path(POLICYLINT_SOURCE_DIR) / ".." / "shared" / "corpora";

// The file's root (kept alive for the documents that point into it) and its extraction.
struct Read {
  std::unique_ptr<SourceFile> file;
  std::unique_ptr<json::Value> root;
  frontend::Extraction extraction;
};

inline Read read_text(std::string text, std::string name = "input.json") {
  Read r;
  r.file = std::make_unique<SourceFile>(std::move(name), std::move(text));
  auto tree = json::parse(*r.file);
  if (tree) {
    r.root = std::make_unique<json::Value>(std::move(*tree));
    const auto format = frontend::detect_format(*r.root).value_or(frontend::InputFormat::policy);
    r.extraction = frontend::extract(*r.file, *r.root, format, {});
    if (format == frontend::InputFormat::policy) {
      r.extraction.format = frontend::InputFormat::policy;
    }
  } else {
    r.extraction = frontend::extract_yaml_template(*r.file, {});
  }
  return r;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::vector<engine::Diagnostic> with_code(const std::vector<engine::Diagnostic>& ds, std::string_view code) {
  std::vector<engine::Diagnostic> out;
  for (const auto& d : ds) {
    if (d.rule->code == code) {
      out.push_back(d);
    }
  }
  return out;
}

} // namespace policylint::testing
