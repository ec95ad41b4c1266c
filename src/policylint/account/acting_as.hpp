#pragma once
// The principals a user or role can act as besides itself, for rules that ask "whose
// permissions can it change and then use?": a role it can assume (the graph's edges), a role
// whose trust policy it can rewrite and then assume, a user whose access keys or password it
// can create. The last two only for principals its policies name by a literal ARN: a pattern
// reaches "any principal", which the per-document escalation rules report.
#include <policylint/account/graph.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace policylint::account {

struct ActingAs {
  std::size_t node = 0;
  std::vector<std::string> before; // the requests that open the way, before anything done to it
  std::vector<std::string> after;  // the requests that then make the caller act as it
};

// `from` itself first (no requests), then the others, each once, in the order above.
[[nodiscard]] std::vector<ActingAs> acting_as(const Graph& graph, std::size_t from, bool session);

// The literal IAM ARNs (no wildcard, no variable) the node's Allow statements give for `action`.
[[nodiscard]] std::vector<std::string> literal_resources(const Node& node, const std::string& action);

} // namespace policylint::account
