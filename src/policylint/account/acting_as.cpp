#include <policylint/account/acting_as.hpp>

#include <policylint/eval/action_match.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace policylint::account {

std::vector<std::string> literal_resources(const Node& node, const std::string& action) {
  std::vector<std::string> out;
  for (const policy::Policy* p : node.identity_policies) {
    for (const auto& st : p->statements) {
      if (st.effect != policy::Effect::allow || st.resource.negated || !eval::action_element_covers(st.action, action)) {
        continue;
      }
      for (const auto& r : st.resource.values) {
        if (r.value.find_first_of("*?$") == std::string::npos && r.value.starts_with("arn:")) {
          out.push_back(r.value);
        }
      }
    }
  }
  return out;
}

std::vector<ActingAs> acting_as(const Graph& graph, std::size_t from, bool session) {
  const Node& node = graph.nodes()[from];
  std::vector<ActingAs> out{{from, {}, {}}};
  const auto known = [&](std::size_t i) {
    return std::any_of(out.begin(), out.end(), [&](const ActingAs& a) { return a.node == i; });
  };
  for (std::size_t r : graph.assumable(from)) {
    if (!known(r)) {
      out.push_back({r, {}, {"sts:AssumeRole " + graph.nodes()[r].arn}});
    }
  }
  struct Way {
    const char* action;
    PrincipalKind kind;
  };
  for (const Way way : {Way{"iam:UpdateAssumeRolePolicy", PrincipalKind::role},
                        Way{"iam:CreateAccessKey", PrincipalKind::user},
                        Way{"iam:CreateLoginProfile", PrincipalKind::user},
                        Way{"iam:UpdateLoginProfile", PrincipalKind::user}}) {
    for (const std::string& arn : literal_resources(node, way.action)) {
      const auto target = graph.find(arn);
      if (!target || known(*target) || graph.principal_of(graph.nodes()[*target]).kind != way.kind) {
        continue;
      }
      const std::string& target_arn = graph.nodes()[*target].arn;
      if (!graph.allows(node, way.action, target_arn, {}, session)) {
        continue;
      }
      const std::string step = fmt::format("{} {}", way.action, target_arn);
      if (way.kind == PrincipalKind::role) {
        out.push_back({*target, {step}, {"sts:AssumeRole " + target_arn}}); // rewrite the trust, then assume
      } else {
        out.push_back({*target, {}, {step}}); // its new key or password, used afterwards
      }
    }
  }
  return out;
}

} // namespace policylint::account
