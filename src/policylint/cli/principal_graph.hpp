#pragma once
// The view `policylint graph` draws: the principal graph the cross-policy rules build
// (account::Graph: users, roles, who may assume whom) with its escalation edges (the
// privesc::Detector's methods over each principal's policies together), and the principals
// that are privileged (account::privileged_grant, or able to escalate).
#include <policylint/account/graph.hpp>
#include <policylint/output/graph_writers.hpp>

namespace policylint::cli {

struct GraphViewOptions {
  bool all = false; // false: only the nodes and edges on a path that ends at a privileged principal
  unsigned jobs = 1; // escalation searches run side by side; the view does not depend on it
};

[[nodiscard]] output::GraphView principal_graph_view(const account::Graph& graph, const GraphViewOptions& options);

} // namespace policylint::cli
