// PL908: PL401 with the whole principal. A method whose requests are granted by different
// policies of one user or role (its own, its groups', managed ones) is invisible to a
// per-document check; here every identity policy of the principal is searched together,
// and each request is confirmed through the graph, so the permissions boundary counts too.
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/escalation_memo.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace policylint::rules::cross_policy {
namespace {

namespace privesc = ::policylint::privesc;

// The methods searched over a principal's documents together (privesc::splittable): the
// others are PL401's and PL410's.
const std::vector<privesc::Method>& splittable_methods() {
  static const std::vector<privesc::Method> k_methods = privesc::splittable(privesc::methods());
  return k_methods;
}

// One method a principal completes across its policies, before grouping.
struct NodeMethod {
  const privesc::MethodHit* hit = nullptr;
  const policy::Statement* first = nullptr; // grants the first request
  std::string file;
  SourceRange at;
  std::string names; // the policies involved, "PassRoles, Functions"
  std::vector<std::string> path;
};

// As PL401: the methods whose first request the same token grants, through the same policies,
// are one finding naming them all, with the shortest sequence as the example.
void report_grouped(const account::Graph& graph, const account::Node& node, const std::vector<NodeMethod>& found,
                    engine::AccountRuleContext& ctx) {
  std::vector<std::vector<const NodeMethod*>> groups;
  for (const NodeMethod& m : found) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.front()->file == m.file && g.front()->at == m.at && g.front()->names == m.names;
    });
    if (same == groups.end()) {
      groups.push_back({&m});
    } else {
      same->push_back(&m);
    }
  }
  for (const auto& group : groups) {
    const NodeMethod& shown = **std::min_element(group.begin(), group.end(), [](const NodeMethod* a, const NodeMethod* b) {
      return a->path.size() < b->path.size();
    });
    const privesc::MethodHit& hit = *shown.hit;
    const std::string sequence =
        fmt::format("{}{}", fmt::join(std::vector<std::string>(shown.path.begin() + 1, shown.path.end()), " → "),
                    hit.named() ? " (to the permissions of the resources named)" : "");
    engine::Diagnostic* d = nullptr;
    if (group.size() == 1) {
      d = &ctx.report(shown.file, shown.at, "{} can escalate by method {} ({}), granted across its policies {}: {}",
                      graph.display_name(node), hit.method->id, hit.method->family, shown.names, sequence);
    } else {
      std::vector<std::string> ids;
      for (const NodeMethod* m : group) {
        ids.push_back(m->hit->method->id);
      }
      d = &ctx.report(shown.file, shown.at,
                      "{} can escalate by {} methods ({}), granted across its policies {}; for example {} ({}): {}",
                      graph.display_name(node), group.size(), fmt::join(ids, ", "), shown.names, hit.method->id,
                      hit.method->family, sequence);
    }
    d->statement = shown.first->label();
    d->counterexample = support::counterexample(hit.steps.front().found, {}, hit.method->family);
    d->counterexample->path = shown.path;
  }
}

} // namespace

void check_principal_can_escalate(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  support::EscalationMemo memo(graph, splittable_methods(), 2);
  memo.prepare(graph.nodes(), ctx.options().jobs);
  for (const account::Node& node : graph.nodes()) {
    if (node.identity.size() < 2) {
      continue; // one document: PL401 and PL410 already see it whole
    }
    // Methods share requests (iam:PassRole of the same role to several services' compute):
    // each distinct one is confirmed through the graph once per node.
    std::map<std::pair<std::string, std::string>, bool> confirmed;
    const auto allowed_through_graph = [&](const privesc::StepRequest& s) {
      auto [it, fresh] = confirmed.try_emplace({s.found.request.action, s.found.request.resource}, false);
      if (fresh) {
        it->second = graph.allows(node, s.found.request.action, s.found.request.resource, {}, false).has_value();
      }
      return it->second;
    };
    std::vector<NodeMethod> found;
    std::optional<bool> everything; // asked only of a node with a split method: most have none
    for (const auto& hit : memo.methods_of(node)) {
      if (memo.one_document_allows(node, *hit.method)) {
        continue;
      }
      if (!everything) {
        everything = memo.allows_everything(node); // over every document, not only those that matter
      }
      if (*everything) {
        break;
      }
      // The boundary (and the node's own identity keys) must let every request through.
      const bool through = std::all_of(hit.steps.begin(), hit.steps.end(), allowed_through_graph);
      if (!through) {
        continue;
      }
      std::vector<std::string> names;
      std::vector<std::string> path{graph.display_name(node)};
      for (const auto& s : hit.steps) {
        path.push_back(support::describe_step(s));
        const policy::Statement* st = nullptr;
        if (const auto doc = memo.granting_document(node, s.found, &st)) {
          const std::string& name = graph.document(*doc).name;
          if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
          }
        }
      }
      const policy::Statement* first = nullptr;
      const auto doc = memo.granting_document(node, hit.steps.front().found, &first);
      if (!doc) {
        continue;
      }
      found.push_back({&hit, first, file_of(graph, *doc, node),
                       range_in(graph, *doc, node, action_range(*first, hit.steps.front().found.request.action)),
                       fmt::format("{}", fmt::join(names, ", ")), std::move(path)});
    }
    report_grouped(graph, node, found, ctx);
  }
}

} // namespace policylint::rules::cross_policy
