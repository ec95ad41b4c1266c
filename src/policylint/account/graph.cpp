#include <policylint/account/graph.hpp>

#include <policylint/account/trust_index.hpp>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/principal_match.hpp>

#include <algorithm>
#include <deque>
#include <map>

namespace policylint::account {

namespace {

// Used when neither the account nor any ARN names the account (e.g. a template with names only).
constexpr std::string_view k_placeholder_account = "123456789012";

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> account_in(std::string_view text) {
  if (is_account_id(text)) {
    return std::string(text);
  }
  if (const auto parts = eval::parse_arn(text); parts && parts->service == "iam" && is_account_id(parts->account)) {
    return std::string(parts->account);
  }
  return std::nullopt;
}

// The account's id: as the front end knows it, else the first IAM ARN of a principal, else the
// first account a document names (a Terraform plan knows no ARN yet, but its trust policies and
// Resource elements usually name the account: arn:aws:iam::111122223333:user/bob).
std::string account_of(const Account& account) {
  if (is_account_id(account.id)) {
    return account.id;
  }
  for (const auto& p : account.principals) {
    if (auto id = account_in(p.arn)) {
      return *id;
    }
  }
  for (const auto& doc : account.documents) {
    for (const auto& st : doc.policy.statements) {
      for (const auto& v : st.principal.values) {
        if (auto id = v.type == "AWS" ? account_in(v.value.value) : std::nullopt) {
          return *id;
        }
      }
      for (const auto& r : st.resource.values) {
        if (auto id = account_in(r.value)) {
          return *id;
        }
      }
    }
  }
  return std::string(k_placeholder_account);
}

std::string_view kind_word(PrincipalKind kind) {
  switch (kind) {
  case PrincipalKind::user:
    return "user";
  case PrincipalKind::group:
    return "group";
  case PrincipalKind::role:
    return "role";
  }
  return "user";
}

// A concrete ARN for the principal: the declared one when it is a real ARN (not a symbolic
// CloudFormation value), else arn:aws:iam::ACCOUNT:KIND/NAME.
std::string concrete_arn(const Principal& p, const std::string& account_id) {
  if (const auto parts = eval::parse_arn(p.arn); parts && p.arn.find("${") == std::string::npos &&
                                                 p.arn.find('{') == std::string::npos && !parts->account.empty()) {
    return p.arn;
  }
  return "arn:aws:iam::" + account_id + ":" + std::string(kind_word(p.kind)) + "/" + p.name;
}

// The caller as the request names it: the user, or a session of the role.
std::string caller_arn(const Node& node, const Principal& p) {
  if (p.kind != PrincipalKind::role) {
    return node.arn;
  }
  return "arn:aws:sts::" + node.account_id + ":assumed-role/" + p.name + "/session";
}

// "123456789012" and "arn:…:root" delegate to the account's identity policies (§2.3).
bool names_account(std::string_view value) {
  return is_account_id(value) || value.ends_with(":root");
}

// The trust statement admits the caller by its own ARN or by "*", not through its account.
bool names_caller_directly(const policy::Statement& st, std::string_view caller) {
  if (st.principal.negated) {
    return false;
  }
  return std::any_of(st.principal.values.begin(), st.principal.values.end(), [&](const policy::PrincipalValue& v) {
    return v.type == "AWS" && !names_account(v.value.value) && eval::principal_value_matches(v, caller);
  });
}

// Cheap filter before the search: some trust Allow for sts:AssumeRole names the caller.
bool trust_may_admit(const policy::Policy& trust, std::string_view caller) {
  return std::any_of(trust.statements.begin(), trust.statements.end(), [&](const policy::Statement& st) {
    if (!st.evaluable || st.effect != policy::Effect::allow || !eval::principal_list_matches(st.principal, caller)) {
      return false;
    }
    return eval::action_element_covers(st.action, "sts:AssumeRole");
  });
}

// Cheap filter before a search: some Allow of the policies covers the action on the resource
// (conditions left to the search). Resources with policy variables always may.
bool identity_may_allow(const std::vector<const policy::Policy*>& policies, std::string_view resource,
                        std::string_view action = "sts:AssumeRole") {
  return std::any_of(policies.begin(), policies.end(), [&](const policy::Policy* p) {
    return std::any_of(p->statements.begin(), p->statements.end(), [&](const policy::Statement& st) {
      if (!st.evaluable || st.effect != policy::Effect::allow) {
        return false;
      }
      const bool resource_listed =
          std::any_of(st.resource.values.begin(), st.resource.values.end(), [&](const policy::Text& r) {
            return r.value.find("${") != std::string::npos || eval::resource_matches(r.value, resource);
          });
      return eval::action_element_covers(st.action, action) && resource_listed != st.resource.negated;
    });
  });
}

// Some trust Allow names the caller itself (ARN or "*"), conditions aside.
bool trust_may_name_directly(const policy::Policy& trust, std::string_view caller) {
  return std::any_of(trust.statements.begin(), trust.statements.end(), [&](const policy::Statement& st) {
    return st.evaluable && st.effect == policy::Effect::allow && names_caller_directly(st, caller);
  });
}

bool decided_by_policy(const eval::Evaluation& e, const policy::Policy* policy) {
  return std::any_of(e.deciding.begin(), e.deciding.end(),
                     [&](const eval::StatementRef& r) { return r.policy == policy; });
}

bool decided_by_any(const eval::Evaluation& e, const std::vector<const policy::Policy*>& policies) {
  return std::any_of(policies.begin(), policies.end(),
                     [&](const policy::Policy* p) { return decided_by_policy(e, p); });
}

} // namespace

Graph::Graph(const Account& account, std::size_t max_hops, std::size_t max_edge_searches)
    : m_account(&account), m_max_hops(max_hops) {
  const std::string account_id = account_of(account);
  for (std::size_t doc : account.organisation_policies) {
    if (doc < account.documents.size() && account.documents[doc].policy.is_guardrail()) {
      m_guardrails.push_back(&account.documents[doc].policy);
    }
  }
  std::map<std::string, std::size_t, std::less<>> groups;
  for (std::size_t i = 0; i < account.principals.size(); ++i) {
    if (account.principals[i].kind == PrincipalKind::group) {
      groups.emplace(account.principals[i].name, i);
    }
  }
  for (std::size_t i = 0; i < account.principals.size(); ++i) {
    const Principal& p = account.principals[i];
    if (p.kind == PrincipalKind::group) {
      continue;
    }
    Node node;
    node.principal = i;
    node.arn = concrete_arn(p, account_id);
    const auto parts = eval::parse_arn(node.arn);
    node.account_id = parts ? std::string(parts->account) : account_id;
    auto add_document = [&](std::size_t doc) {
      if (doc < account.documents.size() &&
          std::find(node.identity.begin(), node.identity.end(), doc) == node.identity.end()) {
        node.identity.push_back(doc);
      }
    };
    for (std::size_t doc : p.policies) {
      add_document(doc);
    }
    for (const auto& group_name : p.groups) {
      if (const auto g = groups.find(group_name); g != groups.end()) {
        for (std::size_t doc : account.principals[g->second].policies) {
          add_document(doc);
        }
      }
    }
    for (std::size_t doc : node.identity) {
      node.identity_policies.push_back(&account.documents[doc].policy);
    }
    if (p.permissions_boundary && *p.permissions_boundary < account.documents.size()) {
      node.boundary = p.permissions_boundary;
    }
    if (p.kind == PrincipalKind::role && p.trust_policy && *p.trust_policy < account.documents.size()) {
      node.trust = p.trust_policy;
    }
    m_nodes.push_back(std::move(node));
  }
  // find() by ARN, name or display name: the first node that answers to it.
  for (std::size_t i = 0; i < m_nodes.size(); ++i) {
    m_by_name.try_emplace(m_nodes[i].arn, i);
    m_by_name.try_emplace(principal_of(m_nodes[i]).name, i);
    m_by_name.try_emplace(display_name(m_nodes[i]), i);
  }

  std::vector<const policy::Policy*> trusts;
  for (const Node& node : m_nodes) {
    trusts.push_back(node.trust ? &document(*node.trust).policy : nullptr);
  }
  const TrustIndex index(trusts);
  m_edges.resize(m_nodes.size());
  std::size_t searches = 0;
  for (std::size_t from = 0; from < m_nodes.size(); ++from) {
    const Principal& p = principal_of(m_nodes[from]);
    const std::string caller = caller_arn(m_nodes[from], p);
    const bool session = p.kind == PrincipalKind::role;
    const auto parts = eval::parse_arn(m_nodes[from].arn);
    const std::string_view resource = parts ? parts->resource : std::string_view{};
    const std::string_view name = resource.substr(resource.rfind('/') + 1);
    for (std::size_t to : index.candidates(m_nodes[from].account_id, kind_word(p.kind), name)) {
      if (to == from || !m_nodes[to].trust || !trust_may_admit(document(*m_nodes[to].trust).policy, caller)) {
        continue;
      }
      const policy::Policy& trust = document(*m_nodes[to].trust).policy;
      if (!trust_may_name_directly(trust, caller) &&
          !identity_may_allow(m_nodes[from].identity_policies, m_nodes[to].arn)) {
        continue;
      }
      if (++searches > max_edge_searches) {
        m_truncated = true;
        return;
      }
      if (assume(from, to, Circumstances{}, session)) {
        m_edges[from].push_back(to);
      }
    }
  }
}

std::string Graph::display_name(const Node& node) const {
  const Principal& p = principal_of(node);
  return std::string(kind_word(p.kind)) + "/" + p.name;
}

std::optional<std::size_t> Graph::find(std::string_view arn_or_name) const {
  if (const auto it = m_by_name.find(arn_or_name); it != m_by_name.end()) {
    return it->second;
  }
  return std::nullopt;
}

query::SearchSpace Graph::request_space(const Node& node, const Circumstances& c, bool session) const {
  const Principal& p = principal_of(node);
  query::SearchSpace space;
  space.base.principal = session ? caller_arn(node, p) : node.arn;
  space.base.set_context("aws:principalarn", {node.arn});
  space.base.set_context("aws:principalaccount", {node.account_id});
  space.base.set_context("aws:principaltype", {session ? "AssumedRole" : "User"});
  if (!session) {
    space.base.set_context("aws:username", {p.name});
  }
  // The principal calls AWS itself; calls services make for it are PL905's question.
  space.base.set_context("aws:viaawsservice", {"false"});
  space.fixed_keys = {"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username",
                      "aws:viaawsservice"};
  if (c.source_ip) {
    space.base.set_context("aws:sourceip", {*c.source_ip});
    space.fixed_keys.insert("aws:sourceip");
  }
  for (const auto& [key, value] : c.context) {
    space.base.set_context(key, {value});
    space.fixed_keys.insert(key);
  }
  if (c.without_mfa) {
    // Long-term keys carry no MFA keys; a session obtained without MFA says false (§9.1).
    if (session) {
      space.base.set_context("aws:multifactorauthpresent", {"false"});
    }
    space.fixed_keys.insert("aws:multifactorauthpresent");
    space.fixed_keys.insert("aws:multifactorauthage");
  }
  return space;
}

std::optional<Hop> Graph::assume(std::size_t from, std::size_t role, const Circumstances& c, bool session) const {
  const Node& caller = m_nodes[from];
  const Node& target = m_nodes[role];
  if (!target.trust) {
    return std::nullopt;
  }
  const policy::Policy* trust = &document(*target.trust).policy;
  const policy::Policy* boundary = caller.boundary ? &document(*caller.boundary).policy : nullptr;
  std::vector<const policy::Policy*> policies = caller.identity_policies;
  if (boundary != nullptr) {
    policies.push_back(boundary);
  }
  policies.push_back(trust);
  policies.insert(policies.end(), m_guardrails.begin(), m_guardrails.end());

  query::SearchSpace space = request_space(caller, c, session);
  space.base.action = "sts:AssumeRole";
  space.base.resource = target.arn;
  const bool same_account = caller.account_id == target.account_id;
  const std::string caller_name = space.base.principal;
  // Allowed and no Deny anywhere, and: the trust names the caller itself (same account), or
  // the trust admits it through its account and its own policies (∩ boundary) allow the call.
  auto wanted = [&](const eval::Evaluation& e) {
    if (e.decision != eval::Decision::allowed || !decided_by_policy(e, trust)) {
      return false;
    }
    const bool direct = same_account && std::any_of(e.deciding.begin(), e.deciding.end(), [&](const auto& r) {
                          return r.policy == trust && names_caller_directly(*r.statement, caller_name);
                        });
    return direct ||
           (decided_by_any(e, caller.identity_policies) && (boundary == nullptr || decided_by_policy(e, boundary)));
  };
  auto found = query::find_request(policies, space, wanted);
  if (!found) {
    return std::nullopt;
  }
  Hop hop;
  hop.from = from;
  hop.to = role;
  for (const auto& r : found->evaluation.deciding) {
    if (r.policy == trust && (hop.trust_statement == nullptr || names_caller_directly(*r.statement, caller_name))) {
      hop.trust_statement = r.statement;
    }
  }
  hop.found = std::move(*found);
  return hop;
}

std::optional<query::Found> Graph::allows(const Node& node, const std::string& action, const std::string& resource,
                                          const Circumstances& c, bool session) const {
  // No identity Allow could cover the request, conditions aside: no search needed.
  if (!identity_may_allow(node.identity_policies, resource, action)) {
    return std::nullopt;
  }
  const policy::Policy* boundary = node.boundary ? &document(*node.boundary).policy : nullptr;
  const auto policies = identity_and_boundary(*this, node);
  query::SearchSpace space = request_space(node, c, session);
  space.base.action = action;
  space.base.resource = resource;
  return query::find_request(policies, space, [&](const eval::Evaluation& e) {
    return e.decision == eval::Decision::allowed && decided_by_any(e, node.identity_policies) &&
           (boundary == nullptr || decided_by_policy(e, boundary));
  });
}

std::vector<Path> Graph::reachable_roles(std::size_t start, const Circumstances& c,
                                         const std::function<bool(const Path&)>& stop) const {
  std::vector<Path> out;
  std::vector<bool> visited(m_nodes.size(), false);
  visited[start] = true;
  std::deque<Path> queue{Path{start, {}}};
  while (!queue.empty()) {
    Path path = std::move(queue.front());
    queue.pop_front();
    if (path.hops.size() >= m_max_hops) {
      continue;
    }
    const std::size_t at = path.end();
    const bool session = principal_of(m_nodes[at]).kind == PrincipalKind::role;
    for (std::size_t next : m_edges[at]) {
      if (visited[next]) {
        continue; // reached already by a path no longer than this one: also ends cycles
      }
      auto hop = assume(at, next, c, session);
      if (!hop) {
        continue;
      }
      visited[next] = true;
      Path longer = path;
      longer.hops.push_back(std::move(*hop));
      out.push_back(longer);
      if (stop && stop(out.back())) {
        return out;
      }
      queue.push_back(std::move(longer));
    }
  }
  return out;
}

std::vector<const policy::Policy*> identity_and_boundary(const Graph& graph, const Node& node) {
  std::vector<const policy::Policy*> policies = node.identity_policies;
  if (node.boundary) {
    policies.push_back(&graph.document(*node.boundary).policy);
  }
  policies.insert(policies.end(), graph.guardrails().begin(), graph.guardrails().end());
  return policies;
}

} // namespace policylint::account
