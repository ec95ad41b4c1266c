#pragma once
// What counts as "admin" for the cross-policy rules: a permission set that can take over the
// account. docs/cross-policy.md lists the actions and why each one escalates.
#include <policylint/account/graph.hpp>
#include <policylint/query/engine.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::account {

struct PrivilegedAction {
  std::string action;         // "iam:CreateAccessKey"
  std::string resource_type;  // "user", "role", "group", "policy" (an IAM ARN in the account), "" = "*"
  bool needs_compute = false; // iam:PassRole: escalates only with a service that runs code as the role
};

[[nodiscard]] const std::vector<PrivilegedAction>& privileged_actions();
// The resource a privileged action is probed on: another principal of the account
// ("arn:aws:iam::ACCOUNT:user/any-other-user"), or "*" when the action takes none.
[[nodiscard]] std::string probe_resource(const PrivilegedAction& action, std::string_view account_id);

// The first privileged action (PassRole left out: it needs compute as well) that `engine`
// finds a request for, as `base` asks (outcome, caller, context), on its probe resource.
struct PrivilegedRequest {
  const PrivilegedAction* action = nullptr;
  query::Found found;
};
[[nodiscard]] std::optional<PrivilegedRequest> first_privileged_request(query::Engine& engine, const query::Query& base,
                                                                        std::string_view account_id);
// Services that run code with a passed role.
[[nodiscard]] const std::vector<std::string>& compute_actions();

struct Grant {
  std::string action;
  query::Found found;
  std::size_t document = 0; // the document of the deciding identity Allow
  const policy::Statement* statement = nullptr;
};

// The first privileged action the node's identity policies (∩ boundary) allow under `c`.
// iam:PassRole counts with a compute action, on any role of the account or on a role the
// policies name by ARN that is privileged itself (by an action other than PassRole).
[[nodiscard]] std::optional<Grant> privileged_grant(const Graph& graph, const Node& node, const Circumstances& c,
                                                    bool session);
// The same; `follow_pass_role` false leaves iam:PassRole out (the recursion's base).
[[nodiscard]] std::optional<Grant> privileged_grant(const Graph& graph, const Node& node, const Circumstances& c,
                                                    bool session, bool follow_pass_role);

// The document holding a statement that decided `found` among `node`'s identity policies.
[[nodiscard]] std::optional<std::pair<std::size_t, const policy::Statement*>>
deciding_identity_statement(const Graph& graph, const Node& node, const eval::Evaluation& evaluation);

// Whether the role's trust policy lets the service principal assume it: a role passed to a
// compute service that may not assume it gives the compute no credentials.
[[nodiscard]] bool service_may_assume(const Graph& graph, const Principal& role, const std::string& service);

// `iam:CreateAccessKey via "*" (AdministratorAccess, statement #1)`, for paths and messages.
[[nodiscard]] std::string describe_grant(const Graph& graph, const Grant& grant);

} // namespace policylint::account
