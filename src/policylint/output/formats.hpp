#pragma once
// The one table of report formats: `check --format` accepts these names, `policylint formats`
// prints them for the shell completion and the GitHub Action, and the CLI writes through it.
#include <policylint/output/report.hpp>

#include <span>
#include <string>
#include <string_view>

namespace policylint::output {

struct Format {
  std::string_view name;
  std::string_view summary;
  std::string (*write)(const Report& report, const TextOptions& text);
};

[[nodiscard]] std::span<const Format> formats();
[[nodiscard]] const Format* find_format(std::string_view name);

} // namespace policylint::output
