#pragma once
// What the cross-policy rules (PL901–PL907) share: the addresses and circumstances they ask
// about, the privileged roles of the graph, and how a path is written.
#include <policylint/account/graph.hpp>
#include <policylint/account/privilege.hpp>
#include <policylint/engine/account_rule_context.hpp>
#include <policylint/query/engine.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace policylint::rules::cross_policy {

// Every aws:SourceIp range any document of the account names, plus the configured
// organisation allow-list: "the allow-list" as far as the account tells.
[[nodiscard]] std::vector<std::string> account_ip_ranges(const account::Graph& graph,
                                                         const engine::AccountLintOptions& options);

// A public address outside every one of those ranges.
[[nodiscard]] std::string outside_address(const account::Graph& graph, const engine::AccountLintOptions& options);

// "user/bob from 198.51.100.23" / "user/bob, no MFA".
[[nodiscard]] std::string start_label(const account::Graph& graph, const account::Node& node,
                                      const account::Circumstances& c);

// "sts:AssumeRole role/Admin" for each hop.
void append_hops(const account::Graph& graph, const account::Path& path, std::vector<std::string>& steps);

// Privileged grants of roles (as sessions), computed once per circumstance and role.
class PrivilegeCache {
public:
  explicit PrivilegeCache(const account::Graph& graph) : m_graph(graph) {}
  const std::optional<account::Grant>& role_grant(std::size_t node, const account::Circumstances& c);

private:
  const account::Graph& m_graph;
  std::map<std::tuple<std::size_t, std::optional<std::string>, bool>, std::optional<account::Grant>> m_cache;
};

// "Is some write or permissions-management request by `node` (as its session when `session`)
// newly allowed?": the question PL910 and PL911 ask of an engine whose baseline is one side of
// a permissions boundary.
[[nodiscard]] query::Query any_write_newly_allowed(const account::Graph& graph, const account::Node& node,
                                                   bool session);

// The first node of a privileged role reachable from `start` under `c`, and its path.
struct PrivilegedPath {
  account::Path path;
  account::Grant grant;
};
[[nodiscard]] std::optional<PrivilegedPath> privileged_path(const account::Graph& graph, PrivilegeCache& cache,
                                                            std::size_t start, const account::Circumstances& c);

// Every privileged role reachable from `start` under `c`, each once by its shortest path, in
// the order reached (PL901 reports one finding per role, not one per user).
[[nodiscard]] std::vector<PrivilegedPath> privileged_paths(const account::Graph& graph, PrivilegeCache& cache,
                                                           std::size_t start, const account::Circumstances& c);
// The shortest path from `start` to the privileged role `target` under `c`, if any.
[[nodiscard]] std::optional<PrivilegedPath> privileged_path_to(const account::Graph& graph, PrivilegeCache& cache,
                                                               std::size_t start, std::size_t target,
                                                               const account::Circumstances& c);

// The range of the trust statement's principal value that names `caller` (or the statement).
[[nodiscard]] SourceRange principal_range(const policy::Statement& statement, std::string_view caller);

// The range of the statement's action value that covers `action` (or the statement).
[[nodiscard]] SourceRange action_range(const policy::Statement& statement, std::string_view action);

// The node's document holding the first Allow statement that granted the request, with that
// statement; nullopt when no document of the node granted it (a managed policy elsewhere).
[[nodiscard]] std::optional<std::size_t> granting_document(const account::Graph& graph, const account::Node& node,
                                                           const query::Found& found,
                                                           const policy::Statement** statement);

// The file a finding about the document goes to: its own, else the principal's declaration.
[[nodiscard]] std::string file_of(const account::Graph& graph, std::size_t document, const account::Node& node);
// The range in that file: `range` in the document's own file, else the principal's declaration
// (documents from the embedded AWS managed policy snapshot have no file).
[[nodiscard]] SourceRange range_in(const account::Graph& graph, std::size_t document, const account::Node& node,
                                   SourceRange range);

// PL905/PL907: a Deny on aws:SourceIp (NotIpAddress, no set qualifier) that also refuses a
// call AWS services make for the principal, for a permission granted by any of its policies.
struct ServiceCallDenial {
  std::size_t document = 0;
  const policy::Statement* statement = nullptr;
  const policy::Condition* condition = nullptr;
  std::string action;
  query::Found found;
};
[[nodiscard]] std::vector<ServiceCallDenial> raw_source_ip_denials(const account::Graph& graph,
                                                                   const account::Node& node);

// The document on its own grants a permission a service would use (what PL102 sees).
[[nodiscard]] bool grants_service_permission(const policy::Policy& policy);

} // namespace policylint::rules::cross_policy
