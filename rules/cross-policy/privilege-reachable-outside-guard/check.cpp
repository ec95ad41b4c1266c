// PL901: can a user reach a privileged role from outside the IP allow-list, or without MFA,
// through any chain of sts:AssumeRole calls?
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/cross_policy/common.hpp>

namespace policylint::rules::cross_policy {

namespace {

struct Probe {
  account::Circumstances circumstances;
  std::string what;
  std::string fix;
  std::vector<std::string> absent_keys;
  std::string note;
};

void report_path(const account::Graph& graph, const account::Node& user, const PrivilegedPath& reached,
                 const account::Circumstances& used, const Probe& probe, engine::AccountRuleContext& ctx) {
  const account::Hop& first = reached.path.hops.front();
  const account::Node& role = graph.nodes()[first.to];
  const std::size_t trust = *role.trust;
  const SourceRange range = first.trust_statement != nullptr
                                ? principal_range(*first.trust_statement, first.found.request.principal)
                                : graph.document(trust).anchor;
  std::vector<std::string> steps{start_label(graph, user, used)};
  append_hops(graph, reached.path, steps);
  steps.push_back(account::describe_grant(graph, reached.grant));
  std::vector<std::string> roles;
  for (const auto& hop : reached.path.hops) {
    roles.push_back(graph.display_name(graph.nodes()[hop.to]));
  }
  auto& d =
      ctx.report(file_of(graph, trust, role), range_in(graph, trust, role, range),
                 "{} can reach {} through {} {}: {}", graph.display_name(user),
                 account::describe_grant(graph, reached.grant), fmt::join(roles, " → "), probe.what, probe.fix);
  if (first.trust_statement != nullptr) {
    d.statement = first.trust_statement->label();
  }
  engine::Counterexample c;
  c.request = first.found.request;
  c.decision = first.found.evaluation.decision;
  c.absent_keys = probe.absent_keys;
  c.note = probe.note;
  c.path = std::move(steps);
  d.counterexample = std::move(c);
}

} // namespace

void check_privilege_reachable_outside_guard(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  PrivilegeCache cache(graph);
  const std::string address = outside_address(graph, ctx.options());
  const std::vector<Probe> probes{
      {{address, false, {}},
       "from " + address + ", outside every IP allow-list the account's policies name",
       "add an \"IpAddress\" condition on aws:SourceIp (without IfExists) to the trust statement, or a Deny with "
       "\"NotIpAddress\" to the user's policy",
       {},
       "the first sts:AssumeRole call, made from outside the allow-list"},
      {{std::nullopt, true, {}},
       "without MFA",
       "require \"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"} (without IfExists) in the trust statement",
       {"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"},
       "the first sts:AssumeRole call, signed with long-term access keys"},
  };
  for (std::size_t start = 0; start < graph.nodes().size(); ++start) {
    const account::Node& user = graph.nodes()[start];
    if (graph.principal_of(user).kind != account::PrincipalKind::user) {
      continue;
    }
    for (const Probe& probe : probes) {
      // One finding per privileged role the user reaches: fixing one trust leaves the others.
      for (auto& found : privileged_paths(graph, cache, start, probe.circumstances)) {
        std::optional<PrivilegedPath> reached = std::move(found);
        account::Circumstances used = probe.circumstances;
        if (!used.source_ip) {
          // Keys a probe leaves free are searched call by call; prefer a path that one caller at
          // one address walks: the first call's address, fixed for every call.
          if (const auto* ip = reached->path.hops.front().found.request.context_values("aws:sourceip");
              ip != nullptr && ip->size() == 1) {
            used.source_ip = ip->front();
            if (auto consistent = privileged_path_to(graph, cache, start, reached->path.end(), used)) {
              reached = std::move(consistent);
            } else {
              used.source_ip.reset();
            }
          }
        }
        report_path(graph, user, *reached, used, probe, ctx);
      }
    }
  }
}

} // namespace policylint::rules::cross_policy
