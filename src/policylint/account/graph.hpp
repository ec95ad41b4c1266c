#pragma once
// The principal graph of an account: who holds which policies (inline, managed, through
// groups), under which permissions boundary, and who may assume which role. Every question
// is answered by the evaluator on concrete requests (query::find_request), conditions
// included; docs/cross-policy.md states the semantics and what is approximate.
#include <policylint/account/model.hpp>
#include <policylint/query/request_search.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policylint::account {

// One user or role as the graph sees it (groups only lend their policies to users).
struct Node {
  std::size_t principal = 0;                            // index into Account::principals
  std::string arn;                                      // as declared, or synthesised from the account id and name
  std::string account_id;                               // the ARN's account segment
  std::vector<std::size_t> identity;                    // documents: own policies, then each group's, no repeats
  std::optional<std::size_t> boundary;                  // document
  std::optional<std::size_t> trust;                     // document (roles)
  std::vector<const policy::Policy*> identity_policies; // the documents above, for the evaluator
};

// The circumstances every request of a path is made under. Unset values are free: the search
// tries every value the policies can tell apart.
struct Circumstances {
  std::optional<std::string> source_ip; // aws:SourceIp of every call on the path
  bool without_mfa = false;             // the user signs with long-term keys (MFA keys absent);
                                        // the sessions it obtains carry MultiFactorAuthPresent=false
  // Request keys the question fixes (lower-case key, value), e.g. the iam:PermissionsBoundary
  // a caller would set: never varied by the search.
  std::vector<std::pair<std::string, std::string>> context;
};

// One sts:AssumeRole call on a path, with the request that succeeded.
struct Hop {
  std::size_t from = 0; // node index
  std::size_t to = 0;   // node index (a role)
  query::Found found;
  const policy::Statement* trust_statement = nullptr; // the trust Allow that admitted the caller
};

struct Path {
  std::size_t start = 0;
  std::vector<Hop> hops; // empty: the start principal itself
  [[nodiscard]] std::size_t end() const { return hops.empty() ? start : hops.back().to; }
};

class Graph {
public:
  static constexpr std::size_t k_default_max_hops = 5;

  // `max_hops` bounds role chaining in reachable_roles (AWS itself does not limit chains).
  explicit Graph(const Account& account, std::size_t max_hops = k_default_max_hops,
                 std::size_t max_edge_searches = k_max_edge_searches);

  [[nodiscard]] const Account& account() const { return *m_account; }
  [[nodiscard]] const std::vector<Node>& nodes() const { return m_nodes; }
  [[nodiscard]] const Principal& principal_of(const Node& node) const { return m_account->principals[node.principal]; }
  [[nodiscard]] const PolicyDoc& document(std::size_t index) const { return m_account->documents[index]; }
  // The account's SCPs and RCPs (Account::organisation_policies): they bind every request.
  [[nodiscard]] const std::vector<const policy::Policy*>& guardrails() const { return m_guardrails; }
  // "user/bob", "role/Admin": how paths name a node.
  [[nodiscard]] std::string display_name(const Node& node) const;
  // By ARN or name; nullopt when unknown.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view arn_or_name) const;

  // Nodes that `from` can assume under some circumstances (free context), sorted.
  [[nodiscard]] const std::vector<std::size_t>& assumable(std::size_t from) const { return m_edges[from]; }

  // The base request `node` makes: principal and identity keys set and fixed. `session`: a
  // role acting through a session obtained by sts:AssumeRole.
  [[nodiscard]] query::SearchSpace request_space(const Node& node, const Circumstances& c, bool session) const;

  // Can `from` assume `role` (trust policy × the caller's identity policies ∩ boundary)?
  [[nodiscard]] std::optional<Hop> assume(std::size_t from, std::size_t role, const Circumstances& c,
                                          bool session) const;

  // Do the node's identity policies (∩ its boundary) allow `action` on `resource`?
  [[nodiscard]] std::optional<query::Found> allows(const Node& node, const std::string& action,
                                                   const std::string& resource, const Circumstances& c,
                                                   bool session) const;

  // Every role reachable from `start` by role chaining under `c`, shortest path first, each
  // role once (cycles end there), at most max_hops() assumptions deep.
  // `stop`, when given, ends the search at the first path it accepts (that path is the last).
  [[nodiscard]] std::vector<Path> reachable_roles(std::size_t start, const Circumstances& c,
                                                  const std::function<bool(const Path&)>& stop = {}) const;
  [[nodiscard]] std::size_t max_hops() const { return m_max_hops; }

  // Building the edges searches at most this many (caller, role) pairs, so that a hostile or
  // huge account cannot make the run quadratic without end; truncated() tells when it stopped.
  static constexpr std::size_t k_max_edge_searches = 250'000; // the default
  [[nodiscard]] bool truncated() const { return m_truncated; }

private:
  const Account* m_account;
  std::size_t m_max_hops;
  bool m_truncated = false;
  std::vector<Node> m_nodes;
  // Each node's ARN, name and display name → the first node answering to it: find() is asked
  // once per literal ARN of every policy, and a scan per question made a large account quadratic.
  std::map<std::string, std::size_t, std::less<>> m_by_name;
  std::vector<const policy::Policy*> m_guardrails;
  std::vector<std::vector<std::size_t>> m_edges;
};

// The policies of `node` to evaluate its own calls against: identity, then boundary, then the
// account's SCPs and RCPs.
[[nodiscard]] std::vector<const policy::Policy*> identity_and_boundary(const Graph& graph, const Node& node);

} // namespace policylint::account
