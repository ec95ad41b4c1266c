#include <policylint/output/formats.hpp>

#include <array>

namespace policylint::output {

namespace {

const std::array<Format, 6> k_formats = {{
    {"text", "findings with source lines, carets and counterexamples",
     [](const Report& r, const TextOptions& t) { return write_text(r, t); }},
    {"json", "the documented, versioned JSON schema", [](const Report& r, const TextOptions&) { return write_json(r); }},
    {"sarif", "SARIF 2.1.0 for GitHub code scanning", [](const Report& r, const TextOptions&) { return write_sarif(r); }},
    {"github", "GitHub Actions workflow annotations", [](const Report& r, const TextOptions&) { return write_github(r); }},
    {"junit", "JUnit XML for CI test reports", [](const Report& r, const TextOptions&) { return write_junit(r); }},
    {"markdown", "a Markdown job summary", [](const Report& r, const TextOptions&) { return write_markdown(r); }},
}};

} // namespace

std::span<const Format> formats() { return k_formats; }

const Format* find_format(std::string_view name) {
  for (const Format& f : k_formats) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

} // namespace policylint::output
