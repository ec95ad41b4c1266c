#pragma once
// The principal graph as text other tools draw: Graphviz DOT and Mermaid flowcharts
// (docs/graph.md). Node ids are generated (n0, n1, ...); names from the input appear only in
// labels, escaped for each syntax, so a hostile role name cannot end a label or add an edge.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::output {

struct GraphNode {
  std::string label;       // "role/Admin"
  std::string kind;        // "user", "role", "admin" (the escalation sink)
  bool privileged = false; // an administrator, or able to escalate
  std::string detail;      // why privileged: "iam:CreateAccessKey via \"*\"", a method list
};

struct GraphEdge {
  std::size_t from = 0;
  std::size_t to = 0;
  std::string label;         // "sts:AssumeRole", "iam-005 (policy-manipulation)"
  bool escalation = false;   // an escalation method, not a role assumption
};

struct GraphView {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges; // sorted (from, to, label), no duplicates
};

[[nodiscard]] std::string write_graph_dot(const GraphView& graph);
[[nodiscard]] std::string write_graph_mermaid(const GraphView& graph);

// One path (its steps, first to last) as a Mermaid left-to-right chain, without the fence.
[[nodiscard]] std::string mermaid_chain(const std::vector<std::string>& steps);

// Text made safe inside a Mermaid quoted label: every character but letters, digits, space and
// a few punctuation marks becomes an entity code (#34; for '"'), so nothing can close the
// label, the node or a Markdown code fence.
[[nodiscard]] std::string mermaid_text(std::string_view text);
// Text made safe inside a DOT double-quoted string: '"' and '\' escaped, control bytes and
// invalid UTF-8 as \xNN.
[[nodiscard]] std::string dot_text(std::string_view text);

} // namespace policylint::output
