#pragma once
// Builds policy models for the query and evaluator example tests without going through JSON.
#include <doctest/doctest.h>

#include <policylint/policy/model.hpp>

#include <string>
#include <utility>
#include <vector>

namespace policylint::property {

struct Cond {
  std::string op{};
  std::string key{};
  std::vector<std::string> values{};
};

struct Stmt {
  std::string sid{};
  policy::Effect effect = policy::Effect::allow;
  std::vector<std::string> actions{};
  bool not_action = false;
  std::vector<std::string> resources{"*"};
  bool not_resource = false;
  std::vector<std::pair<std::string, std::string>> principals{};
  std::vector<Cond> conditions{};
};

inline policy::Policy make_policy(std::vector<Stmt> statements, policy::PolicyKind kind = policy::PolicyKind::identity) {
  policy::Policy p;
  p.kind = kind;
  p.version = policy::Text{"2012-10-17", {}};
  std::uint32_t index = 0;
  for (auto& spec : statements) {
    policy::Statement s;
    s.index = index++;
    if (!spec.sid.empty()) {
      s.sid = policy::Text{spec.sid, {}};
    }
    s.effect = spec.effect;
    s.action.present = true;
    s.action.negated = spec.not_action;
    for (auto& a : spec.actions) {
      s.action.values.push_back({a, {}});
    }
    s.resource.present = kind != policy::PolicyKind::trust;
    s.resource.negated = spec.not_resource;
    for (auto& r : spec.resources) {
      s.resource.values.push_back({r, {}});
    }
    s.principal.present = !spec.principals.empty();
    for (auto& [type, value] : spec.principals) {
      s.principal.values.push_back({type, {value, {}}});
    }
    for (auto& c : spec.conditions) {
      policy::Condition cond;
      cond.operator_text.value = c.op;
      cond.op = policy::parse_operator(c.op);
      REQUIRE_MESSAGE(cond.op.has_value(), c.op);
      cond.key.value = c.key;
      for (auto& v : c.values) {
        cond.values.push_back({v, {}, policy::ValueType::string});
      }
      s.conditions.push_back(std::move(cond));
    }
    p.statements.push_back(std::move(s));
  }
  return p;
}

} // namespace policylint::property
