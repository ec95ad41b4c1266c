// PL903: the privileged role of the role pattern also admits principals other than the
// user it guards: its whole account (root / account id), other accounts, or everyone.
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/probes.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::cross_policy {

namespace {

bool is_account_form(std::string_view value) {
  const bool digits = value.size() == 12 && value.find_first_not_of("0123456789") == std::string_view::npos;
  return digits || value.ends_with(":root");
}

struct Outsider {
  std::string who;    // whom the value admits
  std::string advice; // what to do instead
};

constexpr std::string_view k_name_principals =
    "name the ARNs of the principals meant to assume it (the guarded user) instead";

// Why this principal value reaches beyond the guarded user, or nullopt when it names one principal
// of the role's own account or of an account the organisation lists as its own.
std::optional<Outsider> outsider(std::string_view value, const probes::AccountCaller& caller, std::string_view own_account,
                                 const std::vector<std::string>& trusted_accounts) {
  if (value == "*") {
    return Outsider{"every principal of every AWS account", std::string(k_name_principals)};
  }
  const bool trusted = std::find(trusted_accounts.begin(), trusted_accounts.end(), caller.account) != trusted_accounts.end();
  if (is_account_form(value)) {
    return Outsider{"every principal of account " + caller.account +
                        " whose own policies allow sts:AssumeRole on it (the account id delegates to them)",
                    std::string(k_name_principals)};
  }
  if (caller.account != own_account && !trusted) {
    // One named principal of another account (StackSets' administration role, a vendor's role):
    // a cross-account trust, which only the organisation can tell apart from its own.
    return Outsider{fmt::format("a principal of account {} in a cross-account trust (an account that "
                                "organisation.trusted-accounts does not list)",
                                caller.account),
                    fmt::format("list account {} in organisation.trusted-accounts if it is the organisation's own, "
                                "or remove the principal",
                                caller.account)};
  }
  return std::nullopt;
}

// Some Allow of the trust names a principal beyond one of the role's own account.
bool admits_outsiders(const policy::Policy& trust, std::string_view own_account,
                      const std::vector<std::string>& trusted_accounts) {
  for (const auto& st : trust.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated) {
      continue;
    }
    for (const auto& value : st.principal.values) {
      const auto caller = value.type == "AWS" ? probes::account_caller(value.value.value) : std::nullopt;
      if (caller && outsider(value.value.value, *caller, own_account, trusted_accounts)) {
        return true;
      }
    }
  }
  return false;
}

// Some Allow of the trust lists exactly this ARN.
bool names_exactly(const policy::Policy& trust, std::string_view arn) {
  return std::any_of(trust.statements.begin(), trust.statements.end(), [&](const policy::Statement& st) {
    return st.effect == policy::Effect::allow && !st.principal.negated &&
           std::any_of(st.principal.values.begin(), st.principal.values.end(),
                       [&](const policy::PrincipalValue& v) { return v.value.value == arn; });
  });
}

} // namespace

void check_privileged_role_trusts_others(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  PrivilegeCache cache(graph);
  for (std::size_t r = 0; r < graph.nodes().size(); ++r) {
    const account::Node& role = graph.nodes()[r];
    if (!role.trust) {
      continue;
    }
    const policy::Policy& trust = graph.document(*role.trust).policy;
    // Cheap before the privilege search: most trusts name a service or one principal.
    const auto& trusted_accounts = ctx.options().trusted_accounts;
    if (!admits_outsiders(trust, role.account_id, trusted_accounts)) {
      continue;
    }
    const auto& grant = cache.role_grant(r, account::Circumstances{});
    if (!grant) {
      continue;
    }
    const std::array<const policy::Policy*, 1> set{&trust};
    // Principals of the graph that can assume the role without the trust naming them.
    std::vector<std::string> unnamed;
    for (std::size_t from = 0; from < graph.nodes().size(); ++from) {
      const auto& edges = graph.assumable(from);
      if (std::find(edges.begin(), edges.end(), r) != edges.end() && !names_exactly(trust, graph.nodes()[from].arn)) {
        unnamed.push_back(graph.display_name(graph.nodes()[from]));
      }
    }
    const std::string already =
        unnamed.empty() ? std::string() : fmt::format(" ({} can assume it today)", fmt::join(unnamed, ", "));
    for (const auto& st : trust.statements) {
      if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated) {
        continue;
      }
      for (const auto& value : st.principal.values) {
        if (value.type != "AWS") {
          continue;
        }
        const auto caller = probes::account_caller(value.value.value);
        if (!caller) {
          continue;
        }
        const auto why = outsider(value.value.value, *caller, role.account_id, trusted_accounts);
        if (!why) {
          continue;
        }
        query::SearchSpace space;
        space.base.action = "sts:AssumeRole";
        space.base.resource = role.arn;
        probes::set_account_caller(space, *caller);
        const auto found = query::find_request(set, space, [&](const eval::Evaluation& e) {
          return e.decision == eval::Decision::allowed && support::decided_by(e, st);
        });
        if (!found) {
          continue;
        }
        std::vector<std::string> steps{caller->arn, "sts:AssumeRole " + graph.display_name(role),
                                       account::describe_grant(graph, *grant)};
        auto& d = ctx.report(file_of(graph, *role.trust, role), range_in(graph, *role.trust, role, value.value.range),
                             "{} holds {}, and statement {} of its trust policy admits {} through \"{}\"{}; {}",
                             graph.display_name(role), account::describe_grant(graph, *grant), st.label(), why->who,
                             value.value.value, already, why->advice);
        d.statement = st.label();
        d.counterexample = support::counterexample(*found, {}, "the trust policy admits this caller");
        d.counterexample->path = std::move(steps);
        break; // one finding per statement
      }
    }
  }
}

} // namespace policylint::rules::cross_policy
