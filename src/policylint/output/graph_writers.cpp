#include <policylint/output/graph_writers.hpp>

#include <policylint/output/report.hpp>

#include <fmt/format.h>

#include <cstdint>

namespace policylint::output {

namespace {

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '/' ||
         c == ':' || c == '.' || c == '-' || c == '_' || c == ',' || c == '*' || c == '(' || c == ')' || c == '@' ||
         c == '+' || c == '=';
}

// The code point starting at text[i] (valid UTF-8 only: terminal_safe ran first), and its length.
std::pair<std::uint32_t, std::size_t> code_point(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + n > text.size()) {
    n = 1;
  }
  std::uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return {cp, n};
}

std::string_view node_shape_open(const GraphNode& n) { return n.kind == "admin" ? "{{" : n.kind == "user" ? "([" : "["; }
std::string_view node_shape_close(const GraphNode& n) { return n.kind == "admin" ? "}}" : n.kind == "user" ? "])" : "]"; }

std::string node_label(const GraphNode& n) {
  return n.detail.empty() ? n.label : n.label + "\n" + n.detail;
}

// Escapes each line of `raw` with `escape_line` and joins them with `line_break` (a node's
// label has its name on one line and why it is privileged on the next).
template <typename Escape>
std::string by_line(std::string_view raw, std::string_view line_break, Escape escape_line) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const auto end = raw.find('\n', start);
    out += escape_line(terminal_safe(raw.substr(start, end == std::string_view::npos ? end : end - start), false));
    if (end == std::string_view::npos) {
      return out;
    }
    out += line_break;
    start = end + 1;
  }
}

std::string mermaid_line(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (plain(text[i])) {
      out.push_back(text[i]);
      ++i;
      continue;
    }
    const auto [cp, n] = code_point(text, i);
    out += fmt::format("#{};", cp);
    i += n;
  }
  return out;
}

std::string dot_line(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    default: out.push_back(c);
    }
  }
  return out;
}

} // namespace

// The only markup written on purpose is the line break between a label's lines.
std::string mermaid_text(std::string_view raw) { return by_line(raw, "<br/>", mermaid_line); }
std::string dot_text(std::string_view raw) { return by_line(raw, "\\n", dot_line); }

std::string write_graph_dot(const GraphView& graph) {
  std::string out = "digraph principals {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const GraphNode& n = graph.nodes[i];
    const char* shape = n.kind == "admin" ? "doubleoctagon" : n.kind == "user" ? "ellipse" : "box";
    out += fmt::format("  n{} [label=\"{}\", shape={}{}];\n", i, dot_text(node_label(n)), shape,
                       n.privileged ? ", style=filled, fillcolor=\"#f4cccc\"" : "");
  }
  for (const GraphEdge& e : graph.edges) {
    out += fmt::format("  n{} -> n{} [label=\"{}\"{}];\n", e.from, e.to, dot_text(e.label),
                       e.escalation ? ", color=red, fontcolor=red" : "");
  }
  out += "}\n";
  return out;
}

std::string write_graph_mermaid(const GraphView& graph) {
  std::string out = "flowchart LR\n";
  bool any_privileged = false;
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const GraphNode& n = graph.nodes[i];
    out += fmt::format("  n{}{}\"{}\"{}\n", i, node_shape_open(n), mermaid_text(node_label(n)), node_shape_close(n));
    any_privileged = any_privileged || n.privileged;
  }
  for (const GraphEdge& e : graph.edges) {
    out += fmt::format("  n{} {}|\"{}\"| n{}\n", e.from, e.escalation ? "==>" : "-->", mermaid_text(e.label), e.to);
  }
  if (any_privileged) {
    out += "  classDef privileged fill:#f4cccc,stroke:#990000\n";
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      if (graph.nodes[i].privileged) {
        out += fmt::format("  class n{} privileged\n", i);
      }
    }
  }
  return out;
}

std::string mermaid_chain(const std::vector<std::string>& steps) {
  std::string out = "flowchart LR\n";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    out += fmt::format("  s{}[\"{}\"]\n", i, mermaid_text(steps[i]));
  }
  for (std::size_t i = 1; i < steps.size(); ++i) {
    out += fmt::format("  s{} --> s{}\n", i - 1, i);
  }
  return out;
}

} // namespace policylint::output
