#include <policylint/rules/cross_policy/common.hpp>

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/principal_match.hpp>
#include <policylint/query/addresses.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::cross_policy {

namespace {

// Permissions that never lead a service to act for the principal (as PL102).
bool assume_role_only(std::string_view action) {
  static constexpr std::array<std::string_view, 4> k_only{"sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity",
                                                          "sts:GetCallerIdentity"};
  return std::any_of(k_only.begin(), k_only.end(),
                     [&](std::string_view a) { return query::to_lower(a) == query::to_lower(action); });
}

const policy::Condition* raw_source_ip_deny(const policy::Statement& st) {
  if (!st.evaluable || st.effect != policy::Effect::deny) {
    return nullptr;
  }
  for (const auto& c : st.conditions) {
    if (c.op && c.op->op == policy::Op::not_ip_address && c.op->qualifier == policy::SetQualifier::none &&
        query::to_lower(c.key.value) == "aws:sourceip") {
      return &c;
    }
  }
  return nullptr;
}

std::vector<std::string> service_candidates() {
  std::vector<std::string> candidates{"ec2:RunInstances", "lambda:CreateFunction", "s3:PutObject"};
  for (const auto& p : account::privileged_actions()) {
    candidates.push_back(p.action);
  }
  return candidates;
}

} // namespace

bool grants_service_permission(const policy::Policy& policy) {
  const std::array<const policy::Policy*, 1> set{&policy};
  for (const auto& action : service_candidates()) {
    query::SearchSpace space;
    space.base.action = action;
    if (!assume_role_only(action) && query::find_request(set, space, [](const eval::Evaluation& e) {
          return e.decision == eval::Decision::allowed;
        })) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> account_ip_ranges(const account::Graph& graph, const engine::AccountLintOptions& options) {
  std::vector<const policy::Policy*> all;
  for (const auto& doc : graph.account().documents) {
    all.push_back(&doc.policy);
  }
  auto ranges = query::ip_values(all, "aws:sourceip");
  ranges.insert(ranges.end(), options.ip_allowlist.begin(), options.ip_allowlist.end());
  return ranges;
}

std::string outside_address(const account::Graph& graph, const engine::AccountLintOptions& options) {
  return query::arbitrary_address(account_ip_ranges(graph, options));
}

std::string start_label(const account::Graph& graph, const account::Node& node, const account::Circumstances& c) {
  std::string out = graph.display_name(node);
  if (c.source_ip) {
    out += " from " + *c.source_ip;
  }
  if (c.without_mfa) {
    out += ", no MFA";
  }
  return out;
}

void append_hops(const account::Graph& graph, const account::Path& path, std::vector<std::string>& steps) {
  for (const auto& hop : path.hops) {
    steps.push_back("sts:AssumeRole " + graph.display_name(graph.nodes()[hop.to]));
  }
}

const std::optional<account::Grant>& PrivilegeCache::role_grant(std::size_t node, const account::Circumstances& c) {
  const auto key = std::tuple{node, c.source_ip, c.without_mfa};
  auto at = m_cache.find(key);
  if (at == m_cache.end()) {
    at = m_cache.emplace(key, account::privileged_grant(m_graph, m_graph.nodes()[node], c, true)).first;
  }
  return at->second;
}

std::optional<PrivilegedPath> privileged_path(const account::Graph& graph, PrivilegeCache& cache, std::size_t start,
                                              const account::Circumstances& c) {
  auto paths = graph.reachable_roles(
      start, c, [&](const account::Path& path) { return cache.role_grant(path.end(), c).has_value(); });
  if (paths.empty()) {
    return std::nullopt;
  }
  const auto& grant = cache.role_grant(paths.back().end(), c);
  if (!grant) {
    return std::nullopt;
  }
  return PrivilegedPath{std::move(paths.back()), *grant};
}

std::vector<PrivilegedPath> privileged_paths(const account::Graph& graph, PrivilegeCache& cache, std::size_t start,
                                             const account::Circumstances& c) {
  std::vector<PrivilegedPath> out;
  for (auto& path : graph.reachable_roles(start, c)) {
    // A path through a privileged role is closed with that role's own finding.
    const bool through_privileged = std::any_of(path.hops.begin(), path.hops.end() - 1, [&](const account::Hop& hop) {
      return cache.role_grant(hop.to, c).has_value();
    });
    if (through_privileged) {
      continue;
    }
    if (const auto& grant = cache.role_grant(path.end(), c)) {
      out.push_back(PrivilegedPath{std::move(path), *grant});
    }
  }
  return out;
}

std::optional<PrivilegedPath> privileged_path_to(const account::Graph& graph, PrivilegeCache& cache, std::size_t start,
                                                 std::size_t target, const account::Circumstances& c) {
  auto paths = graph.reachable_roles(start, c, [&](const account::Path& path) { return path.end() == target; });
  if (paths.empty() || paths.back().end() != target) {
    return std::nullopt;
  }
  const auto& grant = cache.role_grant(target, c);
  if (!grant) {
    return std::nullopt;
  }
  return PrivilegedPath{std::move(paths.back()), *grant};
}

SourceRange principal_range(const policy::Statement& statement, std::string_view caller) {
  for (const auto& v : statement.principal.values) {
    if (eval::principal_value_matches(v, caller)) {
      return v.value.range;
    }
  }
  return statement.principal.present ? statement.principal.key_range : statement.range;
}

SourceRange action_range(const policy::Statement& statement, std::string_view action) {
  if (!statement.action.negated) {
    for (const auto& a : statement.action.values) {
      if (eval::action_matches(a.value, action)) {
        return a.range;
      }
    }
  }
  return statement.action.present ? statement.action.key_range : statement.range;
}

std::string file_of(const account::Graph& graph, std::size_t document, const account::Node& node) {
  const auto& doc = graph.document(document);
  return doc.file.empty() ? graph.principal_of(node).file : doc.file;
}

SourceRange range_in(const account::Graph& graph, std::size_t document, const account::Node& node, SourceRange range) {
  return graph.document(document).file.empty() ? graph.principal_of(node).anchor : range;
}

std::vector<ServiceCallDenial> raw_source_ip_denials(const account::Graph& graph, const account::Node& node) {
  std::vector<ServiceCallDenial> out;
  std::vector<std::pair<std::size_t, const policy::Statement*>> denies;
  for (std::size_t doc : node.identity) {
    for (const auto& st : graph.document(doc).policy.statements) {
      if (raw_source_ip_deny(st) != nullptr) {
        denies.emplace_back(doc, &st);
      }
    }
  }
  if (denies.empty()) {
    return out;
  }
  const bool session = graph.principal_of(node).kind == account::PrincipalKind::role;
  // A permission some policy of the principal grants, that a service would use for it.
  std::optional<std::string> granted;
  for (const auto& action : service_candidates()) {
    if (!assume_role_only(action) && graph.allows(node, action, "*", account::Circumstances{}, session)) {
      granted = action;
      break;
    }
  }
  if (!granted) {
    return out;
  }
  const auto policies = account::identity_and_boundary(graph, node);
  const auto ranges = query::ip_values(policies, "aws:sourceip");
  // An address of AWS's own (52.94.0.0/16 is Amazon's), unless the allow-list covers it.
  const std::string service_address =
      query::address_in_any("52.94.76.10", ranges) ? query::arbitrary_address(ranges) : "52.94.76.10";
  for (const auto& [doc, st] : denies) {
    query::SearchSpace space = graph.request_space(node, account::Circumstances{}, session);
    space.base.action = *granted;
    space.base.set_context("aws:sourceip", {service_address});
    space.base.set_context("aws:viaawsservice", {"true"});
    for (const char* key : {"aws:calledvia", "aws:calledviafirst", "aws:calledvialast"}) {
      space.base.set_context(key, {"cloudformation.amazonaws.com"});
      space.fixed_keys.insert(key);
    }
    space.fixed_keys.insert("aws:sourceip");
    const policy::Statement* deny = st;
    auto found = query::find_request(policies, space, [&](const eval::Evaluation& e) {
      return e.decision == eval::Decision::explicit_deny &&
             std::any_of(e.deciding.begin(), e.deciding.end(), [&](const auto& r) { return r.statement == deny; });
    });
    if (found) {
      out.push_back(ServiceCallDenial{doc, st, raw_source_ip_deny(*st), *granted, std::move(*found)});
    }
  }
  return out;
}

std::optional<std::size_t> granting_document(const account::Graph& graph, const account::Node& node,
                                             const query::Found& found, const policy::Statement** statement) {
  for (const auto& ref : found.evaluation.deciding) {
    if (ref.statement->effect != policy::Effect::allow) {
      continue;
    }
    for (const std::size_t doc : node.identity) {
      if (&graph.document(doc).policy == ref.policy) {
        *statement = ref.statement;
        return doc;
      }
    }
  }
  return std::nullopt;
}

query::Query any_write_newly_allowed(const account::Graph& graph, const account::Node& node, bool session) {
  query::Query q = query::query_from(graph.request_space(node, {}, session), query::Outcome::newly_allowed, nullptr);
  q.actions = {};
  q.resource.reset();
  q.access_levels = {catalog::AccessLevel::write, catalog::AccessLevel::permissions_management};
  return q;
}

} // namespace policylint::rules::cross_policy
