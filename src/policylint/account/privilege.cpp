#include <policylint/account/privilege.hpp>

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/query/engine.hpp>

#include <fmt/format.h>

#include <array>

namespace policylint::account {

const std::vector<PrivilegedAction>& privileged_actions() {
  static const std::vector<PrivilegedAction> k_actions{
      // Credentials for someone else.
      {"iam:CreateAccessKey", "user", false},
      {"iam:CreateLoginProfile", "user", false},
      {"iam:UpdateLoginProfile", "user", false},
      // Granting oneself (or a principal one controls) more.
      {"iam:AttachUserPolicy", "user", false},
      {"iam:PutUserPolicy", "user", false},
      {"iam:AttachGroupPolicy", "group", false},
      {"iam:PutGroupPolicy", "group", false},
      {"iam:AddUserToGroup", "group", false},
      {"iam:AttachRolePolicy", "role", false},
      {"iam:PutRolePolicy", "role", false},
      {"iam:UpdateAssumeRolePolicy", "role", false},
      {"iam:CreatePolicyVersion", "policy", false},
      {"iam:SetDefaultPolicyVersion", "policy", false},
      {"iam:DeleteUserPermissionsBoundary", "user", false},
      {"iam:DeleteRolePermissionsBoundary", "role", false},
      // Running code as a more privileged role.
      {"iam:PassRole", "role", true},
  };
  return k_actions;
}

std::string probe_resource(const PrivilegedAction& action, std::string_view account_id) {
  if (action.resource_type.empty()) {
    return "*";
  }
  return fmt::format("arn:aws:iam::{}:{}/any-other-{}", account_id, action.resource_type, action.resource_type);
}

std::optional<PrivilegedRequest> first_privileged_request(query::Engine& engine, const query::Query& base,
                                                          std::string_view account_id) {
  for (const PrivilegedAction& p : privileged_actions()) {
    if (p.needs_compute) {
      continue;
    }
    query::Query q = base;
    q.actions = {p.action};
    q.resource = probe_resource(p, account_id);
    if (auto found = engine.find(q)) {
      return PrivilegedRequest{&p, std::move(*found)};
    }
  }
  return std::nullopt;
}

const std::vector<std::string>& compute_actions() {
  static const std::vector<std::string> k_actions{"ec2:RunInstances", "lambda:CreateFunction",
                                                  "cloudformation:CreateStack", "ecs:RunTask",
                                                  "glue:CreateDevEndpoint"};
  return k_actions;
}

std::optional<std::pair<std::size_t, const policy::Statement*>>
deciding_identity_statement(const Graph& graph, const Node& node, const eval::Evaluation& evaluation) {
  for (const auto& ref : evaluation.deciding) {
    for (std::size_t doc : node.identity) {
      if (&graph.document(doc).policy == ref.policy) {
        return std::pair{doc, ref.statement};
      }
    }
  }
  return std::nullopt;
}

namespace {

// The roles of the graph the node's policies name for iam:PassRole by their literal ARN and
// that hold a privileged action other than PassRole themselves: the realistic least-privilege
// grant (`iam:PassRole` on exactly the administrator role) passes that role's permissions on.
// Literal ARNs only, looked up by name, so the cost follows the node's own policies.
std::vector<std::string> passable_privileged_roles(const Graph& graph, const Node& node) {
  std::vector<std::string> out;
  for (const policy::Policy* policy : node.identity_policies) {
    for (const auto& st : policy->statements) {
      if (st.effect != policy::Effect::allow || st.resource.negated ||
          !eval::action_element_covers(st.action, "iam:PassRole")) {
        continue;
      }
      for (const auto& r : st.resource.values) {
        if (r.value.find_first_of("*?$") != std::string::npos || r.value.find(":role/") == std::string::npos) {
          continue;
        }
        const auto target = graph.find(r.value);
        if (!target || *target == static_cast<std::size_t>(&node - graph.nodes().data())) {
          continue;
        }
        if (privileged_grant(graph, graph.nodes()[*target], {}, true, false)) {
          out.push_back(r.value);
        }
      }
    }
  }
  return out;
}

} // namespace

std::optional<Grant> privileged_grant(const Graph& graph, const Node& node, const Circumstances& c, bool session) {
  return privileged_grant(graph, node, c, session, true);
}

std::optional<Grant> privileged_grant(const Graph& graph, const Node& node, const Circumstances& c, bool session,
                                      bool follow_pass_role) {
  for (const PrivilegedAction& p : privileged_actions()) {
    if (p.needs_compute && !follow_pass_role) {
      continue;
    }
    // Another principal of the same account, never the node itself.
    const std::string resource = probe_resource(p, node.account_id);
    auto found = graph.allows(node, p.action, resource, c, session);
    if (!found && p.needs_compute) {
      for (const std::string& role : passable_privileged_roles(graph, node)) {
        if ((found = graph.allows(node, p.action, role, c, session))) {
          break;
        }
      }
    }
    if (!found) {
      continue;
    }
    if (p.needs_compute) {
      bool runs_code = false;
      for (const auto& compute : compute_actions()) {
        if (graph.allows(node, compute, "*", c, session)) {
          runs_code = true;
          break;
        }
      }
      if (!runs_code) {
        continue;
      }
    }
    const auto where = deciding_identity_statement(graph, node, found->evaluation);
    if (!where) {
      continue;
    }
    return Grant{p.action, std::move(*found), where->first, where->second};
  }
  return std::nullopt;
}

std::string describe_grant(const Graph& graph, const Grant& grant) {
  std::string granted_by;
  for (const auto& a : grant.statement->action.values) {
    if (eval::action_matches(a.value, grant.action)) {
      granted_by = a.value;
      break;
    }
  }
  const PolicyDoc& doc = graph.document(grant.document);
  const std::string via =
      granted_by.empty() || granted_by == grant.action ? "" : fmt::format(" via \"{}\"", granted_by);
  return fmt::format("{}{} ({}, statement {})", grant.action, via, doc.name, grant.statement->label());
}

bool service_may_assume(const Graph& graph, const Principal& role, const std::string& service) {
  if (!role.trust_policy) {
    return false;
  }
  const std::array<const policy::Policy*, 1> trust{&graph.document(*role.trust_policy).policy};
  query::Engine engine(trust, {}, &catalog::embedded_catalog());
  query::Query q;
  q.actions = {"sts:AssumeRole"};
  q.resource = role.arn;
  q.principal = service;
  q.outcome = query::Outcome::allowed;
  if (engine.find(q)) {
    return true;
  }
  // An identity pool's roles are assumed with a web identity token that Cognito issues: the
  // trust names cognito-identity.amazonaws.com as a federated principal (AWS Cognito docs,
  // "Role trust and permissions").
  if (service == "cognito-identity.amazonaws.com") {
    q.actions = {"sts:AssumeRoleWithWebIdentity"};
    return engine.find(q).has_value();
  }
  return false;
}

} // namespace policylint::account
