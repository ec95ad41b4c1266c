// PL912: PL410 with the template in view, for existing compute. Updating a named function's
// code, a named stack or a named notebook's lifecycle hands the caller the role that compute
// runs with; a single document cannot tell what that role may do, so PL410 warns. Where the
// input declares the compute with its role (a Terraform module, a CloudFormation template) and
// the role is privileged, the method is an escalation to administrator: an error, one per
// caller and compute, with the request sequence that proves it.
#include <policylint/account/privilege.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/cross_policy/method_reach.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::cross_policy {
namespace {

namespace privesc = ::policylint::privesc;

// The step of an existing-compute method that names the compute (lambda:UpdateFunctionCode).
const privesc::Step* compute_target(const privesc::Method& m) {
  for (const privesc::Step& s : m.steps) {
    if (s.target && s.resource.empty()) {
      return &s;
    }
  }
  return nullptr;
}

const std::vector<privesc::Method>& compute_methods() {
  static const std::vector<privesc::Method> k_methods = [] {
    std::vector<privesc::Method> out;
    for (const privesc::Method& m : privesc::methods()) {
      if (m.family == "existing-compute" && compute_target(m) != nullptr) {
        out.push_back(m);
      }
    }
    return out;
  }();
  return k_methods;
}

// A compute of the input whose role is a privileged role of the account that trusts the
// compute's service (or the compute could not run with it).
struct PrivilegedCompute {
  const account::Compute* compute = nullptr;
  std::size_t role = 0; // node
  account::Grant grant;
};

std::vector<PrivilegedCompute> privileged_compute(const account::Graph& graph) {
  std::vector<PrivilegedCompute> out;
  const auto& nodes = graph.nodes();
  std::unordered_map<std::string_view, std::size_t> role_by_arn; // one lookup per compute
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const account::Principal& p = graph.principal_of(nodes[i]);
    if (p.kind == account::PrincipalKind::role && !p.arn.empty()) {
      role_by_arn.try_emplace(p.arn, i);
    }
  }
  std::map<std::size_t, std::optional<account::Grant>> privileged; // by node
  for (const account::Compute& c : graph.account().compute) {
    const auto role = role_by_arn.find(c.role_arn);
    if (role == role_by_arn.end()) {
      continue;
    }
    const std::size_t i = role->second;
    auto [it, fresh] = privileged.try_emplace(i);
    if (fresh) {
      it->second = account::privileged_grant(graph, nodes[i], {}, true);
    }
    if (it->second && account::service_may_assume(graph, graph.principal_of(nodes[i]), c.service)) {
      out.push_back({&c, i, *it->second});
    }
  }
  return out;
}

// What one set of identity documents allows on compute it names (granted on any compute,
// the methods are PL401's errors already).
struct SetAnswers {
  std::unique_ptr<privesc::Detector> detector;
  std::vector<privesc::MethodHit> named_hits;
};

} // namespace

void check_escalates_through_privileged_compute(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  if (graph.account().compute.empty()) {
    return; // snapshots and plain policies declare no compute
  }
  const std::vector<PrivilegedCompute> targets = privileged_compute(graph);
  if (targets.empty()) {
    return;
  }
  const auto& nodes = graph.nodes();
  std::map<std::vector<std::size_t>, SetAnswers> sets; // principals sharing their documents
  for (std::size_t from = 0; from < nodes.size(); ++from) {
    const account::Node& node = nodes[from];
    auto [set_it, fresh] = sets.try_emplace(node.identity);
    SetAnswers& set = set_it->second;
    if (fresh) {
      set.detector = std::make_unique<privesc::Detector>(node.identity_policies);
      auto hits = set.detector->allows_everything() ? std::vector<privesc::MethodHit>{}
                                                    : set.detector->find_all(compute_methods());
      for (auto& hit : hits) {
        const privesc::Step* target = compute_target(*hit.method);
        if (std::any_of(hit.steps.begin(), hit.steps.end(),
                        [&](const privesc::StepRequest& s) { return s.step == target && s.named; })) {
          set.named_hits.push_back(std::move(hit));
        }
      }
      if (set.named_hits.empty()) {
        set.detector.reset(); // nothing more to ask
      }
    }
    if (set.named_hits.empty()) {
      continue;
    }
    const bool caller_role = graph.principal_of(node).kind == account::PrincipalKind::role;
    std::map<std::size_t, MethodReach> reached; // by index into targets
    for (const auto& hit : set.named_hits) {
      const privesc::Step& target_step = *compute_target(*hit.method);
      if (!other_requests_allowed(graph, node, hit, target_step)) {
        continue; // the other requests must get through the caller's boundary too
      }
      for (std::size_t t = 0; t < targets.size(); ++t) {
        if (targets[t].role == from) {
          continue; // the role itself gains nothing
        }
        const auto found = set.detector->allows_step_on(target_step, targets[t].compute->arn);
        if (!found || !graph.allows(node, found->request.action, found->request.resource, {}, caller_role)) {
          continue;
        }
        const policy::Statement* statement = nullptr;
        const auto doc = granting_document(graph, node, *found, &statement);
        if (!doc) {
          continue;
        }
        reached[t].add(graph, node, hit, target_step, *found, *doc, statement, graph.display_name(nodes[targets[t].role]));
      }
    }
    for (const auto& [t, reach] : reached) {
      const PrivilegedCompute& target = targets[t];
      const privesc::Method& first = *reach.methods.front();
      reach.report(graph, node, ctx,
                   fmt::format("{} can run code as {}, a privileged role ({}), through the {} {} by method {} ({}){}: {}",
                               graph.display_name(node), graph.display_name(nodes[target.role]),
                               account::describe_grant(graph, target.grant), target.compute->kind, target.compute->arn,
                               first.id, first.family, reach.also_by(), reach.sequence()));
    }
  }
}

} // namespace policylint::rules::cross_policy
