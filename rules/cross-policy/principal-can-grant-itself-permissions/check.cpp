// PL911: self-escalation on named resources. A policy that lets a principal write its own
// permissions (iam:PutUserPolicy on its own user, iam:CreatePolicyVersion on a policy attached
// to it, iam:AttachGroupPolicy on its group, iam:AddUserToGroup into an administrators' group)
// names the resource, so PL410 can only warn that the document cannot see whose permissions
// they are. With the account in view they are the caller's own: it can grant itself every
// action. Grants on any resource are PL401's and PL908's errors already and are left to them.
#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace policylint::rules::cross_policy {
namespace {

// One way to write the principal's own permissions: a request on a resource the account shows
// to be the principal's, and a stand-in of the same type that nobody names.
struct SelfWrite {
  std::string action;
  std::string resource;
  std::string what; // "itself", "its group Developers", "its policy Deploy"
  std::string unnamed;
  std::string gained; // what the write leads to, for the path
};

const account::Principal* group_named(const account::Graph& graph, const std::string& name) {
  for (const account::Principal& p : graph.account().principals) {
    if (p.kind == account::PrincipalKind::group && p.name == name) {
      return &p;
    }
  }
  return nullptr;
}

std::string unnamed_of(const account::Node& node, const std::string& type) {
  return "arn:aws:iam::" + node.account_id + ":" + type + "/policylint-unnamed";
}

std::vector<SelfWrite> self_writes(const account::Graph& graph, const account::Node& node, bool role) {
  std::vector<SelfWrite> out;
  const std::string own = role ? "role" : "user";
  const std::string kind = role ? "Role" : "User";
  const std::string policy_on_self = "a policy that allows every action, on itself";
  out.push_back({"iam:Put" + kind + "Policy", node.arn, "itself", unnamed_of(node, own), policy_on_self});
  out.push_back({"iam:Attach" + kind + "Policy", node.arn, "itself", unnamed_of(node, own), policy_on_self});
  for (const std::string& name : graph.principal_of(node).groups) {
    if (const account::Principal* g = group_named(graph, name); g != nullptr && !g->arn.empty()) {
      const std::string gained = "a policy that allows every action, on group " + name;
      out.push_back({"iam:PutGroupPolicy", g->arn, "its group " + name, unnamed_of(node, "group"), gained});
      out.push_back({"iam:AttachGroupPolicy", g->arn, "its group " + name, unnamed_of(node, "group"), gained});
    }
  }
  // A new default version of a customer managed policy it holds (AWS managed ones take none).
  for (std::size_t doc : node.identity) {
    const account::PolicyDoc& d = graph.document(doc);
    if (!d.arn.empty() && !d.arn.starts_with("arn:aws:iam::aws:") && d.arn.find(":policy/") != std::string::npos) {
      out.push_back({"iam:CreatePolicyVersion", d.arn, "its policy " + d.name, unnamed_of(node, "policy"),
                     "a default version of " + d.name + " that allows every action"});
    }
  }
  return out;
}

// The first privileged action the policies allow on another principal, or "*" when they allow
// every action; nullopt when neither.
std::optional<std::string> privileged_by(std::span<const policy::Policy* const> policies, const std::string& account) {
  if (policies.empty()) {
    return std::nullopt;
  }
  if (::policylint::privesc::Detector(policies).allows_everything()) {
    return "*";
  }
  query::Engine engine(policies, {}, &catalog::embedded_catalog());
  for (const account::PrivilegedAction& p : account::privileged_actions()) {
    if (p.needs_compute) {
      continue;
    }
    query::Query q;
    q.actions = {p.action};
    q.resource = p.resource_type.empty() ? "*"
                                         : "arn:aws:iam::" + account + ":" + p.resource_type + "/any-other-" +
                                               p.resource_type;
    if (engine.find(q)) {
      return p.action;
    }
  }
  return std::nullopt;
}

// Groups of the account the user is not in, whose policies are privileged: joining one is an
// escalation to their permissions.
std::vector<SelfWrite> privileged_groups_to_join(const account::Graph& graph, const account::Node& node) {
  std::vector<SelfWrite> out;
  const auto& mine = graph.principal_of(node).groups;
  for (const account::Principal& g : graph.account().principals) {
    if (g.kind != account::PrincipalKind::group || g.arn.empty() ||
        std::find(mine.begin(), mine.end(), g.name) != mine.end()) {
      continue;
    }
    std::vector<const policy::Policy*> policies;
    for (std::size_t doc : g.policies) {
      policies.push_back(&graph.document(doc).policy);
    }
    policies.insert(policies.end(), graph.guardrails().begin(), graph.guardrails().end());
    if (const auto privilege = privileged_by(policies, node.account_id)) {
      out.push_back({"iam:AddUserToGroup", g.arn, "group " + g.name, unnamed_of(node, "group"),
                     fmt::format("membership of {}, whose policies allow {}", g.name,
                                 *privilege == "*" ? std::string("every action") : *privilege)});
    }
  }
  return out;
}

// With a boundary, what it writes is capped by the boundary: it gains only if the boundary
// allows a request its policies do not (the boundary alone, its policies as the baseline).
bool boundary_leaves_room(const account::Graph& graph, const account::Node& node, bool role) {
  if (!node.boundary) {
    return true;
  }
  std::vector<const policy::Policy*> bounded{&graph.document(*node.boundary).policy};
  bounded.insert(bounded.end(), graph.guardrails().begin(), graph.guardrails().end());
  query::Engine engine(bounded, node.identity_policies, &catalog::embedded_catalog());
  query::Query q = query::query_from(graph.request_space(node, {}, role), query::Outcome::newly_allowed, nullptr);
  q.actions = {};
  q.resource.reset();
  q.access_levels = {catalog::AccessLevel::write, catalog::AccessLevel::permissions_management};
  return engine.find(q).has_value();
}

// Does the statement name `resource` without a wildcard in the name? A pattern such as
// `policy/deploy-*` is "any resource" for PL401, which reports it; `user/${aws:username}` is
// the caller's own and named.
bool names_exactly(const policy::Statement& st, const std::string& resource) {
  return std::any_of(st.resource.values.begin(), st.resource.values.end(), [&](const auto& r) {
    const std::string_view name = std::string_view(r.value).substr(r.value.rfind(':') + 1);
    if (name.find_first_of("*?") != std::string_view::npos) {
      return false;
    }
    return r.value.find("${") != std::string::npos || eval::resource_matches(r.value, resource);
  });
}

} // namespace

void check_principal_can_grant_itself_permissions(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  for (const account::Node& node : graph.nodes()) {
    const bool role = graph.principal_of(node).kind == account::PrincipalKind::role;
    if (node.identity.empty()) {
      continue;
    }
    std::vector<SelfWrite> writes = self_writes(graph, node, role);
    if (!role) {
      for (auto& w : privileged_groups_to_join(graph, node)) {
        writes.push_back(std::move(w));
      }
    }
    std::optional<bool> moot; // asked once a write is found: most principals have none
    std::set<const policy::Statement*> reported;
    for (const SelfWrite& w : writes) {
      const auto found = graph.allows(node, w.action, w.resource, {}, role);
      // Granted on a resource nobody names too: PL401 (one document) or PL908 (several) report it.
      if (!found || graph.allows(node, w.action, w.unnamed, {}, role)) {
        continue;
      }
      if (!moot) {
        moot = ::policylint::privesc::Detector(node.identity_policies).allows_everything() || !boundary_leaves_room(graph, node, role);
      }
      if (*moot) {
        break;
      }
      const policy::Statement* st = nullptr;
      const auto doc = granting_document(graph, node, *found, &st);
      if (!doc || st->resource.negated || !names_exactly(*st, w.resource) || !reported.insert(st).second) {
        continue;
      }
      auto& d = ctx.report(file_of(graph, *doc, node), range_in(graph, *doc, node, action_range(*st, w.action)),
                           "{} can grant itself permissions: statement {} of {} allows {} on {} ({}), so it can "
                           "give itself {}; grant these IAM writes only on principals and policies it does not hold",
                           graph.display_name(node), st->label(), graph.document(*doc).name, w.action, w.what,
                           w.resource, w.gained);
      d.statement = st->label();
      d.counterexample = support::counterexample(*found, {}, "the principal's own call");
      d.counterexample->path = {graph.display_name(node), fmt::format("{} {}", w.action, w.resource),
                                w.gained};
    }
  }
}

} // namespace policylint::rules::cross_policy
