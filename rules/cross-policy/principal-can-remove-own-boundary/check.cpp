// PL910: a permissions boundary its own principal may lift is no boundary. AWS says of
// DeleteRolePermissionsBoundary that it "might increase its permissions"; this rule shows by
// how much: the removal (or a replacement by AdministratorAccess) is asked of the principal's
// policies within the boundary as they are today, and the gain is a request that its identity
// policies allow and the boundary blocks.
#include <policylint/catalog/catalog.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace policylint::rules::cross_policy {
namespace {

// What an attacker would set as the new boundary: it exists in every account and bounds nothing.
constexpr const char* k_unbounded_policy = "arn:aws:iam::aws:policy/AdministratorAccess";

struct Lift {
  std::string action;    // iam:DeleteUserPermissionsBoundary, iam:PutRolePermissionsBoundary, …
  query::Found found;    // the principal's own call on its own ARN
  bool replaces = false; // Put…: the boundary becomes AdministratorAccess
};

// The principal's first way to lift its own boundary, asked with its boundary in force.
std::optional<Lift> lift_of(const account::Graph& graph, const account::Node& node, bool role) {
  const std::string kind = role ? "Role" : "User";
  const std::string remove = "iam:Delete" + kind + "PermissionsBoundary";
  if (auto found = graph.allows(node, remove, node.arn, {}, role)) {
    return Lift{remove, std::move(*found), false};
  }
  const std::string replace = "iam:Put" + kind + "PermissionsBoundary";
  account::Circumstances c;
  c.context = {{"iam:permissionsboundary", k_unbounded_policy}};
  if (auto found = graph.allows(node, replace, node.arn, c, role)) {
    return Lift{replace, std::move(*found), true};
  }
  return std::nullopt;
}

// A request the node's identity policies allow once the boundary is gone and do not allow
// today: first a privileged action on another principal, else any write or permissions
// management request.
std::optional<query::Found> gain_of(const account::Graph& graph, const account::Node& node, bool role) {
  // "Allowed by the policies, not by the boundary": the boundary alone is the baseline of a
  // newly-allowed question (with the policies beside it, their Allow would count for it).
  std::vector<const policy::Policy*> unbounded = node.identity_policies;
  unbounded.insert(unbounded.end(), graph.guardrails().begin(), graph.guardrails().end());
  const std::array<const policy::Policy*, 1> boundary{&graph.document(*node.boundary).policy};
  query::Engine engine(unbounded, boundary, &catalog::embedded_catalog());
  const query::Query base = any_write_newly_allowed(graph, node, role);
  if (auto privileged = account::first_privileged_request(engine, base, node.account_id)) {
    return std::move(privileged->found);
  }
  return engine.find(base);
}

} // namespace

void check_principal_can_remove_own_boundary(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (const account::Node& node : graph.nodes()) {
    if (!node.boundary) {
      continue;
    }
    const bool role = graph.principal_of(node).kind == account::PrincipalKind::role;
    const auto lift = lift_of(graph, node, role);
    if (!lift) {
      continue;
    }
    const auto gain = gain_of(graph, node, role);
    if (!gain) {
      continue; // the boundary blocks nothing the policies grant: lifting it changes nothing
    }
    const policy::Statement* st = nullptr;
    const auto doc = granting_document(graph, node, lift->found, &st);
    if (!doc) {
      continue;
    }
    const std::string boundary = graph.document(*node.boundary).name;
    const std::string how = lift->replaces ? fmt::format("replace its permissions boundary {} with AdministratorAccess", boundary)
                                           : fmt::format("delete its permissions boundary {}", boundary);
    const std::string gained = fmt::format("{} on {}", gain->request.action, gain->request.resource);
    auto& d = ctx.report(file_of(graph, *doc, node), range_in(graph, *doc, node, action_range(*st, lift->action)),
                         "{} may {}: statement {} of {} allows {} on its own ARN, and its policies then allow what "
                         "the boundary blocks, for example {}; deny the principal {} on itself",
                         graph.display_name(node), how, st->label(), graph.document(*doc).name, lift->action, gained,
                         lift->action);
    d.statement = st->label();
    d.counterexample = support::counterexample(lift->found, {}, "the principal's own call, on its own ARN");
    d.counterexample->path = {graph.display_name(node), fmt::format("{} {}", lift->action, node.arn),
                              gained + " → allowed without the boundary"};
  }
}

} // namespace policylint::rules::cross_policy
