#include <policylint/account/privilege.hpp>

#include <policylint/eval/action_match.hpp>

#include <fmt/format.h>

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

std::optional<Grant> privileged_grant(const Graph& graph, const Node& node, const Circumstances& c, bool session) {
  for (const PrivilegedAction& p : privileged_actions()) {
    // Another principal of the same account, never the node itself.
    const std::string resource = p.resource_type.empty() ? "*"
                                                         : "arn:aws:iam::" + node.account_id + ":" + p.resource_type +
                                                               "/any-other-" + p.resource_type;
    auto found = graph.allows(node, p.action, resource, c, session);
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

} // namespace policylint::account
