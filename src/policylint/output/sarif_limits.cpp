#include <policylint/output/sarif_limits.hpp>

#include <policylint/engine/rule.hpp>

#include <algorithm>
#include <numeric>

namespace policylint::output {

std::vector<std::size_t> sarif_kept(const std::vector<engine::Diagnostic>& diagnostics, std::size_t limit) {
  std::vector<std::size_t> order(diagnostics.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (order.size() <= limit) {
    return order;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return diagnostics[a].rule->severity > diagnostics[b].rule->severity;
  });
  order.resize(limit);
  std::sort(order.begin(), order.end());
  return order;
}

} // namespace policylint::output
