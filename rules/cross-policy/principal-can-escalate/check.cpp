// PL908: PL401 with the whole principal. A method whose requests are granted by different
// policies of one user or role (its own, its groups', managed ones) is invisible to a
// per-document check; here every identity policy of the principal is searched together,
// and each request is confirmed through the graph, so the permissions boundary counts too.
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace policylint::rules::cross_policy {
namespace {

namespace privesc = ::policylint::privesc;

// Does one document of the node allow the whole method by itself? Then PL401/PL410 report it.
bool one_document_allows(const account::Graph& graph, const account::Node& node, const privesc::Method& method) {
  return std::any_of(node.identity.begin(), node.identity.end(), [&](std::size_t doc) {
    const std::array<const policy::Policy*, 1> one{&graph.document(doc).policy};
    privesc::Detector alone(one);
    return alone.find(method).has_value();
  });
}

} // namespace

void check_principal_can_escalate(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (const account::Node& node : graph.nodes()) {
    if (node.identity.size() < 2) {
      continue; // one document: PL401 and PL410 already see it whole
    }
    privesc::Detector detector(node.identity_policies);
    auto hits = detector.find_all(privesc::methods());
    if (hits.empty() || detector.allows_everything()) {
      continue;
    }
    for (const auto& hit : hits) {
      if (one_document_allows(graph, node, *hit.method)) {
        continue;
      }
      // The boundary (and the node's own identity keys) must let every request through.
      const bool through = std::all_of(hit.steps.begin(), hit.steps.end(), [&](const privesc::StepRequest& s) {
        return graph.allows(node, s.found.request.action, s.found.request.resource, {}, false).has_value();
      });
      if (!through) {
        continue;
      }
      std::vector<std::string> names;
      std::vector<std::string> path{graph.display_name(node)};
      for (const auto& s : hit.steps) {
        path.push_back(support::describe_step(s));
        const policy::Statement* st = nullptr;
        if (const auto doc = granting_document(graph, node, s.found, &st)) {
          const std::string& name = graph.document(*doc).name;
          if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
          }
        }
      }
      const policy::Statement* first = nullptr;
      const auto doc = granting_document(graph, node, hit.steps.front().found, &first);
      if (!doc) {
        continue;
      }
      auto& d = ctx.report(file_of(graph, *doc, node),
                           range_in(graph, *doc, node, action_range(*first, hit.steps.front().found.request.action)),
                           "{} can escalate by method {} ({}), granted across its policies {}: {}{}",
                           graph.display_name(node), hit.method->id, hit.method->family, fmt::join(names, ", "),
                           fmt::join(std::vector<std::string>(path.begin() + 1, path.end()), " → "),
                           hit.named() ? " (to the permissions of the resources named)" : "");
      d.statement = first->label();
      d.counterexample = support::counterexample(hit.steps.front().found, {}, hit.method->family);
      d.counterexample->path = std::move(path);
    }
  }
}

} // namespace policylint::rules::cross_policy
