// PL902: the user's IP allow-list and the allow-list of the trust policy of a role it assumes
// differ as address sets (and, when configured, either reaches beyond the organisation's).
#include <policylint/account/cidr_set.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/principal_match.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/cross_policy/common.hpp>

namespace policylint::rules::cross_policy {

namespace {

const policy::Condition* source_ip_condition(const policy::Statement& st, policy::Op op) {
  for (const auto& c : st.conditions) {
    if (c.op && c.op->op == op && c.op->qualifier == policy::SetQualifier::none &&
        query::to_lower(c.key.value) == "aws:sourceip") {
      return &c;
    }
  }
  return nullptr;
}

bool covers_assume_role(const policy::Statement& st) {
  const bool listed = std::any_of(st.action.values.begin(), st.action.values.end(), [](const policy::Text& a) {
    return eval::action_matches(a.value, "sts:AssumeRole");
  });
  return st.action.negated ? !listed : listed;
}

struct AllowList {
  account::CidrSet set;
  const policy::Condition* first = nullptr;
};

// The addresses a policy set lets sts:AssumeRole through: the ranges of its Deny NotIpAddress
// and Allow IpAddress statements that cover the call (and, for a trust, name the caller).
AllowList allow_list(std::span<const policy::Policy* const> policies, std::string_view caller) {
  AllowList out;
  for (const policy::Policy* p : policies) {
    for (const auto& st : p->statements) {
      if (!st.evaluable || !st.effect || !covers_assume_role(st)) {
        continue;
      }
      if (p->kind == policy::PolicyKind::trust && st.principal.present &&
          !eval::principal_list_matches(st.principal, caller)) {
        continue;
      }
      const auto op = *st.effect == policy::Effect::deny ? policy::Op::not_ip_address : policy::Op::ip_address;
      if (const policy::Condition* c = source_ip_condition(st, op)) {
        std::vector<std::string> values;
        for (const auto& v : c->values) {
          values.push_back(v.text);
        }
        out.set.add(account::CidrSet::parse(values));
        if (out.first == nullptr) {
          out.first = c;
        }
      }
    }
  }
  return out;
}

} // namespace

void check_ip_allowlist_mismatch(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  const account::CidrSet organisation = account::CidrSet::parse(ctx.options().ip_allowlist);
  for (std::size_t u = 0; u < graph.nodes().size(); ++u) {
    const account::Node& user = graph.nodes()[u];
    if (graph.principal_of(user).kind != account::PrincipalKind::user) {
      continue;
    }
    const auto user_list = allow_list(account::identity_and_boundary(graph, user), user.arn);
    for (std::size_t r : graph.assumable(u)) {
      const account::Node& role = graph.nodes()[r];
      const policy::Policy* trust = &graph.document(*role.trust).policy;
      const std::array<const policy::Policy*, 1> trust_set{trust};
      const auto trust_list = allow_list(trust_set, user.arn);
      if (trust_list.first == nullptr) {
        continue; // no allow-list on the trust: PL301 / PL901
      }
      std::vector<std::string> problems;
      if (user_list.first != nullptr && !(user_list.set == trust_list.set)) {
        problems.push_back(fmt::format("only the user's allows {}; only the trust's allows {}",
                                       user_list.set.minus(trust_list.set).to_string(),
                                       trust_list.set.minus(user_list.set).to_string()));
      }
      if (!organisation.empty() && !trust_list.set.minus(organisation).empty()) {
        problems.push_back(fmt::format("the trust admits {} outside the organisation allow-list",
                                       trust_list.set.minus(organisation).to_string()));
      }
      if (problems.empty()) {
        continue;
      }
      // The request from an address only one side admits, as the evaluator decides it.
      const auto differing = trust_list.set.minus(user_list.set).empty() ? user_list.set.minus(trust_list.set)
                                                                         : trust_list.set.minus(user_list.set);
      auto& d = ctx.report(file_of(graph, *role.trust, role),
                           range_in(graph, *role.trust, role, trust_list.first->operator_text.range),
                           "the IP allow-lists of {} and of the trust policy of {} disagree: {}; make them the same "
                           "set of ranges",
                           graph.display_name(user), graph.display_name(role), fmt::join(problems, "; "));
      const auto cidrs = differing.empty() ? trust_list.set.minus(organisation).to_cidrs() : differing.to_cidrs();
      if (cidrs.empty()) {
        continue;
      }
      const std::string address = eval::format_ip(cidrs.front().network);
      query::SearchSpace space = graph.request_space(user, account::Circumstances{address, false, {}}, false);
      space.base.action = "sts:AssumeRole";
      space.base.resource = role.arn;
      auto policies = account::identity_and_boundary(graph, user);
      policies.push_back(trust);
      engine::Counterexample c;
      c.request = space.base;
      c.decision = eval::evaluate(policies, space.base).decision;
      c.note = "from " + address + ", which only one of the allow-lists admits";
      c.path = {graph.display_name(user) + " from " + address, "sts:AssumeRole " + graph.display_name(role)};
      d.counterexample = std::move(c);
    }
  }
}

} // namespace policylint::rules::cross_policy
