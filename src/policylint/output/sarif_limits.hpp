#pragma once
// GitHub code scanning rejects a whole SARIF file whose run holds more than 25,000 results
// ("SARIF results exceed hard limit", docs.github.com, code scanning troubleshooting): the
// SARIF writer keeps the most severe 25,000 and the CLI says how many it left out.
#include <policylint/engine/diagnostic.hpp>

#include <cstddef>
#include <vector>

namespace policylint::output {

inline constexpr std::size_t k_sarif_max_results = 25'000;

// The indices of the findings a SARIF run keeps, in their original order: all of them under
// the limit, else the `limit` most severe (ties: the earlier finding first).
[[nodiscard]] std::vector<std::size_t> sarif_kept(const std::vector<engine::Diagnostic>& diagnostics,
                                                  std::size_t limit = k_sarif_max_results);

} // namespace policylint::output
