// PL911: self-escalation on named resources. A policy that lets a principal write its own
// permissions (iam:PutUserPolicy on its own user, iam:CreatePolicyVersion on a policy attached
// to it, iam:AttachGroupPolicy on its group, iam:AddUserToGroup into an administrators' group)
// names the resource, so PL410 can only warn that the document cannot see whose permissions
// they are. With the account in view they are the caller's own: it can grant itself every
// action. Grants on any resource are PL401's and PL908's errors already and are left to them.
#include <policylint/account/acting_as.hpp>
#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
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

// The writes that change `node`'s permissions; `self` names it "itself", else by its name.
std::vector<SelfWrite> self_writes(const account::Graph& graph, const account::Node& node, bool role, bool self) {
  std::vector<SelfWrite> out;
  const std::string own = role ? "role" : "user";
  const std::string kind = role ? "Role" : "User";
  const std::string who = self ? "itself" : graph.display_name(node);
  const std::string policy_on_self = "a policy that allows every action, on " + who;
  out.push_back({"iam:Put" + kind + "Policy", node.arn, who, unnamed_of(node, own), policy_on_self});
  out.push_back({"iam:Attach" + kind + "Policy", node.arn, who, unnamed_of(node, own), policy_on_self});
  for (const std::string& name : graph.principal_of(node).groups) {
    if (const account::Principal* g = group_named(graph, name); g != nullptr && !g->arn.empty()) {
      const std::string gained = "a policy that allows every action, on group " + name;
      const std::string group = (self ? "its group " : "the group ") + name;
      out.push_back({"iam:PutGroupPolicy", g->arn, group, unnamed_of(node, "group"), gained});
      out.push_back({"iam:AttachGroupPolicy", g->arn, group, unnamed_of(node, "group"), gained});
    }
  }
  // A new default version of a customer managed policy it holds (AWS managed ones take none).
  for (std::size_t doc : node.identity) {
    const account::PolicyDoc& d = graph.document(doc);
    if (!d.arn.empty() && !d.arn.starts_with("arn:aws:iam::aws:") && d.arn.find(":policy/") != std::string::npos) {
      out.push_back({"iam:CreatePolicyVersion", d.arn, (self ? "its policy " : "the policy ") + d.name,
                     unnamed_of(node, "policy"),
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
  if (const auto privileged = account::first_privileged_request(engine, {}, account)) {
    return privileged->action->action;
  }
  return std::nullopt;
}

// Whether each group's policies are privileged, asked once per group and only of groups
// some user may join.
class GroupPrivilege {
public:
  explicit GroupPrivilege(const account::Graph& graph) : m_graph(graph) {}

  const std::optional<std::string>& of(const account::Principal& group, const std::string& account) {
    auto [it, fresh] = m_memo.try_emplace(&group);
    if (fresh) {
      std::vector<const policy::Policy*> policies;
      for (std::size_t doc : group.policies) {
        policies.push_back(&m_graph.document(doc).policy);
      }
      if (!policies.empty()) {
        policies.insert(policies.end(), m_graph.guardrails().begin(), m_graph.guardrails().end());
        it->second = privileged_by(policies, account);
      }
    }
    return it->second;
  }

private:
  const account::Graph& m_graph;
  std::map<const account::Principal*, std::optional<std::string>> m_memo;
};

// Groups the user is not in, named literally for iam:AddUserToGroup, whose policies are
// privileged: joining one is an escalation to their permissions.
std::vector<SelfWrite> privileged_groups_to_join(const account::Graph& graph, const account::Node& node,
                                                 GroupPrivilege& groups) {
  std::vector<SelfWrite> out;
  const auto& mine = graph.principal_of(node).groups;
  for (const std::string& arn : account::literal_resources(node, "iam:AddUserToGroup")) {
    for (const account::Principal& g : graph.account().principals) {
      if (g.kind != account::PrincipalKind::group || g.arn != arn ||
          std::find(mine.begin(), mine.end(), g.name) != mine.end()) {
        continue;
      }
      if (const auto& privilege = groups.of(g, node.account_id)) {
        out.push_back({"iam:AddUserToGroup", g.arn, "group " + g.name, unnamed_of(node, "group"),
                       fmt::format("membership of {}, whose policies allow {}", g.name,
                                   *privilege == "*" ? std::string("every action") : *privilege)});
      }
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
  return engine.find(any_write_newly_allowed(graph, node, role)).has_value();
}

// Can the Action element cover an IAM action at all? Only NotAction, "*" or a value that
// starts with "iam:" (in any case, wildcards before the colon included) can.
bool may_name_iam(const policy::ValueList& action) {
  if (action.negated) {
    return true;
  }
  return std::any_of(action.values.begin(), action.values.end(), [](const auto& v) {
    const std::string_view a = v.value;
    const auto colon = a.find(':');
    const std::string_view service = colon == std::string_view::npos ? a : a.substr(0, colon);
    return service.find_first_of("*?") != std::string_view::npos ||
           (service.size() == 3 && (service[0] | 0x20) == 'i' && (service[1] | 0x20) == 'a' && (service[2] | 0x20) == 'm');
  });
}

// Does some Allow of the document name an action that writes permissions? A cheap test
// before the evaluator, which decides; asked once per document, which many principals share.
class WritesPermissions {
public:
  explicit WritesPermissions(const account::Graph& graph) : m_graph(graph), m_memo(graph.account().documents.size()) {}

  bool any(const account::Node& node) {
    return std::any_of(node.identity.begin(), node.identity.end(), [&](std::size_t doc) { return of(doc); });
  }

private:
  bool of(std::size_t doc) {
    static const std::array<std::string, 8> k_writes{
        "iam:PutUserPolicy",  "iam:AttachUserPolicy",  "iam:PutRolePolicy",       "iam:AttachRolePolicy",
        "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:CreatePolicyVersion", "iam:AddUserToGroup"};
    if (m_memo[doc] == 0) {
      const auto& statements = m_graph.document(doc).policy.statements;
      const bool writes = std::any_of(statements.begin(), statements.end(), [&](const policy::Statement& st) {
        return st.effect == policy::Effect::allow && may_name_iam(st.action) &&
               std::any_of(k_writes.begin(), k_writes.end(),
                           [&](const std::string& a) { return eval::action_element_covers(st.action, a); });
      });
      m_memo[doc] = writes ? 2 : 1;
    }
    return m_memo[doc] == 2;
  }

  const account::Graph& m_graph;
  std::vector<unsigned char> m_memo; // 0 unknown, 1 no, 2 yes
};

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
  GroupPrivilege groups(graph);
  WritesPermissions writers(graph);
  for (std::size_t from = 0; from < graph.nodes().size(); ++from) {
    const account::Node& node = graph.nodes()[from];
    const bool session = graph.principal_of(node).kind == account::PrincipalKind::role;
    if (node.identity.empty() || !writers.any(node)) {
      continue; // most principals: no Allow names an action that writes permissions
    }
    std::optional<bool> holds_everything; // asked once a write is found
    std::set<const policy::Statement*> reported;
    for (const account::ActingAs& b : account::acting_as(graph, from, session)) {
      const account::Node& target = graph.nodes()[b.node];
      const bool self = b.node == from;
      const bool target_role = graph.principal_of(target).kind == account::PrincipalKind::role;
      std::vector<SelfWrite> writes = self_writes(graph, target, target_role, self);
      if (self && !session) {
        for (auto& w : privileged_groups_to_join(graph, node, groups)) {
          writes.push_back(std::move(w));
        }
      }
      std::optional<bool> moot; // asked once a write is found: most principals have none
      for (const SelfWrite& w : writes) {
        const auto found = graph.allows(node, w.action, w.resource, {}, session);
        // Granted on a resource nobody names too: PL401 (one document) or PL908 (several) report it.
        if (!found || graph.allows(node, w.action, w.unnamed, {}, session)) {
          continue;
        }
        if (!holds_everything) {
          holds_everything = ::policylint::privesc::Detector(node.identity_policies).allows_everything();
        }
        if (*holds_everything) {
          break; // nothing to gain (PL906 speaks)
        }
        if (!moot) {
          // A target that holds everything already is PL901's and PL909's; a boundary caps the write.
          moot = (!self && ::policylint::privesc::Detector(target.identity_policies).allows_everything()) ||
                 !boundary_leaves_room(graph, target, target_role);
        }
        if (*moot) {
          break;
        }
        const policy::Statement* st = nullptr;
        const auto doc = granting_document(graph, node, *found, &st);
        if (!doc || st->resource.negated || !names_exactly(*st, w.resource) || !reported.insert(st).second) {
          continue;
        }
        const std::string through =
            self ? "" : fmt::format(", and it can act as {} ({})", graph.display_name(target),
                                    fmt::join(b.before.empty() ? b.after : b.before, ", "));
        auto& d = ctx.report(file_of(graph, *doc, node), range_in(graph, *doc, node, action_range(*st, w.action)),
                             "{} can grant itself permissions: statement {} of {} allows {} on {} ({}){}, so it can "
                             "give itself {}; grant these IAM writes only on principals and policies it cannot act as",
                             graph.display_name(node), st->label(), graph.document(*doc).name, w.action, w.what,
                             w.resource, through, w.gained);
        d.statement = st->label();
        d.counterexample = support::counterexample(*found, {}, "the principal's own call");
        std::vector<std::string> path{graph.display_name(node)};
        path.insert(path.end(), b.before.begin(), b.before.end());
        path.push_back(fmt::format("{} {}", w.action, w.resource));
        path.insert(path.end(), b.after.begin(), b.after.end());
        path.push_back(w.gained);
        d.counterexample->path = std::move(path);
      }
    }
  }
}

} // namespace policylint::rules::cross_policy
