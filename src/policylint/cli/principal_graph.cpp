#include <policylint/cli/principal_graph.hpp>

#include <policylint/account/privilege.hpp>
#include <policylint/core/parallel.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/rules/support/escalation_memo.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace policylint::cli {

namespace {

namespace privesc = ::policylint::privesc;

// The target step a method's requests name another principal of the graph with (the role
// passed, the user whose key is created), and that principal's node.
std::optional<std::pair<const privesc::StepRequest*, std::size_t>> named_target(const account::Graph& graph,
                                                                                 std::size_t self,
                                                                                 const privesc::MethodHit& hit) {
  for (const auto& step : hit.steps) {
    if (step.step != nullptr && step.step->target) {
      if (const auto node = graph.find(step.found.request.resource); node && *node != self) {
        return std::make_pair(&step, *node);
      }
    }
  }
  return std::nullopt;
}

// One escalation edge per pair of nodes, naming the first methods (a user who can run code
// as twenty roles would otherwise hide the graph behind twenty arrows).
std::vector<output::GraphEdge> merge_escalations(std::vector<output::GraphEdge> sorted) {
  constexpr std::size_t k_named = 3;
  std::vector<output::GraphEdge> out;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[i].escalation && sorted[j].escalation && sorted[j].from == sorted[i].from &&
           sorted[j].to == sorted[i].to) {
      ++j;
    }
    output::GraphEdge e = sorted[i];
    for (std::size_t k = i + 1; k < j && k < i + k_named; ++k) {
      e.label += ", " + sorted[k].label;
    }
    if (j - i > k_named) {
      e.label += fmt::format(" and {} more", j - i - k_named);
    }
    out.push_back(std::move(e));
    i = j;
  }
  return out;
}

} // namespace

output::GraphView principal_graph_view(const account::Graph& graph, const GraphViewOptions& options) {
  output::GraphView view;
  const auto& nodes = graph.nodes();
  const std::size_t sink = nodes.size(); // "account administrator", reached by escalation
  // What each node's policies allow together, searched once per distinct set of documents
  // (a snapshot's principals share most of theirs), on every core; then read per node.
  rules::support::EscalationMemo memo(graph, privesc::methods(), 0);
  memo.prepare(nodes, options.jobs);
  std::vector<std::span<const privesc::MethodHit>> hits(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    // A node drawn as privileged for one action (iam:PassRole) still gets its escalation
    // edges: they show where that action leads. Only an administrator has nowhere to go.
    if (!memo.allows_everything(nodes[i])) {
      hits[i] = memo.methods_of(nodes[i]);
    }
  }
  struct Drawn {
    output::GraphNode node;
    std::vector<output::GraphEdge> escalations;
  };
  // Each node on its own (the graph is only read), joined in node order.
  auto drawn = core::parallel_map(nodes.size(), options.jobs, [&](std::size_t from) {
    const account::Node& node = nodes[from];
    const bool role = graph.principal_of(node).kind == account::PrincipalKind::role;
    Drawn out;
    out.node.label = graph.display_name(node);
    out.node.kind = role ? "role" : "user";
    if (const auto grant = account::privileged_grant(graph, node, {}, role)) {
      out.node.privileged = true;
      out.node.detail = account::describe_grant(graph, *grant);
    }
    // Methods share requests (iam:PassRole of one role to several services' compute): each
    // distinct one is confirmed through the graph once per node.
    std::map<std::pair<std::string, std::string>, bool> confirmed;
    for (const auto& hit : hits[from]) {
      if (hit.method->family == "role-assumption") {
        continue; // drawn exactly by the graph's own sts:AssumeRole edges
      }
      // As PL908: the boundary (and the node's own identity keys) must let every request through.
      const bool through = std::all_of(hit.steps.begin(), hit.steps.end(), [&](const privesc::StepRequest& s) {
        auto [it, fresh] = confirmed.try_emplace({s.found.request.action, s.found.request.resource}, false);
        if (fresh) {
          it->second = graph.allows(node, s.found.request.action, s.found.request.resource, {}, role).has_value();
        }
        return it->second;
      });
      if (!through) {
        continue;
      }
      const auto target = named_target(graph, from, hit);
      if (target) {
        // As PL909: a role passed to compute whose service may not assume it gives no credentials.
        const std::string service = privesc::passed_to_service(*target->first->step);
        if (!service.empty() && !account::service_may_assume(graph, graph.principal_of(nodes[target->second]), service)) {
          continue;
        }
      }
      out.escalations.push_back({from, target ? target->second : sink,
                                 fmt::format("{} ({})", hit.method->id, hit.method->family), true});
      if (!target) {
        out.node.privileged = true; // able to escalate by itself
      }
    }
    return out;
  });
  for (std::size_t from = 0; from < nodes.size(); ++from) {
    view.nodes.push_back(std::move(drawn[from].node));
    for (const std::size_t to : graph.assumable(from)) {
      view.edges.push_back({from, to, "sts:AssumeRole", false});
    }
    for (auto& e : drawn[from].escalations) {
      view.edges.push_back(std::move(e));
    }
  }
  view.nodes.push_back({"account administrator", "admin", true, "through an escalation method"});
  std::sort(view.edges.begin(), view.edges.end(), [](const output::GraphEdge& a, const output::GraphEdge& b) {
    return std::tie(a.from, a.to, a.escalation, a.label) < std::tie(b.from, b.to, b.escalation, b.label);
  });
  view.edges.erase(std::unique(view.edges.begin(), view.edges.end(),
                               [](const output::GraphEdge& a, const output::GraphEdge& b) {
                                 return a.from == b.from && a.to == b.to && a.label == b.label;
                               }),
                   view.edges.end());
  view.edges = merge_escalations(std::move(view.edges));

  // Which nodes reach a privileged node (itself included): walk the edges backwards. The
  // administrator sink is drawn only when some principal escalates to it.
  const bool sink_used =
      std::any_of(view.edges.begin(), view.edges.end(), [&](const output::GraphEdge& e) { return e.to == sink; });
  std::vector<std::vector<std::size_t>> incoming(view.nodes.size());
  for (const auto& e : view.edges) {
    incoming[e.to].push_back(e.from);
  }
  std::vector<bool> keep(view.nodes.size(), options.all);
  std::vector<std::size_t> work;
  for (std::size_t i = 0; i < view.nodes.size() && !options.all; ++i) {
    if (view.nodes[i].privileged) {
      keep[i] = true;
      work.push_back(i);
    }
  }
  while (!work.empty()) {
    const std::size_t at = work.back();
    work.pop_back();
    for (const std::size_t from : incoming[at]) {
      if (!keep[from]) {
        keep[from] = true;
        work.push_back(from);
      }
    }
  }
  keep[sink] = sink_used;
  // Renumber the kept nodes, in the graph's order.
  std::vector<std::size_t> index(view.nodes.size(), 0);
  output::GraphView out;
  for (std::size_t i = 0; i < view.nodes.size(); ++i) {
    if (keep[i]) {
      index[i] = out.nodes.size();
      out.nodes.push_back(std::move(view.nodes[i]));
    }
  }
  for (auto& e : view.edges) {
    if (keep[e.from] && keep[e.to]) {
      e.from = index[e.from];
      e.to = index[e.to];
      out.edges.push_back(std::move(e));
    }
  }
  return out;
}

} // namespace policylint::cli
