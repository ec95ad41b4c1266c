// PL302: a Deny with NotPrincipal that excepts a role by its role ARN only. Requests made with
// the role's credentials come from its sessions (arn:aws:sts::A:assumed-role/ROLE/SESSION),
// which the NotPrincipal does not list, so the Deny applies to them: the role meant to keep
// access is locked out (IAM User Guide, "NotPrincipal"). The exact engine looks for a request
// by such a session that this statement denies; the evaluator confirms it.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/probes/counterexample.hpp>
#include <policylint/query/engine.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace policylint::rules::access {

namespace {

// The session ARN a role ARN's callers carry (any session name), or nullopt when `value` is
// not an exact role ARN.
std::optional<std::string> session_of(std::string_view value) {
  const auto arn = eval::parse_arn(value);
  if (!arn || arn->service != "iam" || !arn->resource.starts_with("role/") ||
      value.find_first_of("*?") != std::string_view::npos) {
    return std::nullopt;
  }
  const auto path_and_name = arn->resource.substr(5);
  const auto name = path_and_name.substr(path_and_name.rfind('/') + 1); // npos + 1 == 0
  if (name.empty()) {
    return std::nullopt;
  }
  return fmt::format("arn:{}:sts::{}:assumed-role/{}/", arn->partition, arn->account, name);
}

// Does the list name some session of the role (the assumed-role ARN prefix)?
bool lists_a_session(const policy::PrincipalList& list, const std::string& session_prefix) {
  return std::any_of(list.values.begin(), list.values.end(), [&](const policy::PrincipalValue& v) {
    return v.type == "AWS" && v.value.value.starts_with(session_prefix);
  });
}

} // namespace

void check_deny_not_principal_locks_out_role_sessions(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const policy::Policy& policy = unit.policy;
  if (policy.kind != policy::PolicyKind::resource) {
    return; // NotPrincipal is invalid elsewhere (PL010)
  }
  const std::array<const policy::Policy*, 1> set{&policy};
  std::optional<query::Engine> engine;
  for (const auto& st : policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::deny || !st.principal.present || !st.principal.negated) {
      continue;
    }
    for (const auto& value : st.principal.values) {
      if (value.type != "AWS") {
        continue;
      }
      const auto prefix = session_of(value.value.value);
      if (!prefix || lists_a_session(st.principal, *prefix)) {
        continue;
      }
      if (!engine) {
        engine.emplace(set, std::span<const policy::Policy* const>{}, unit.catalog);
      }
      query::Query q;
      q.principal = *prefix + "policylint-session";
      // What a session carries: its role's ARN as aws:PrincipalArn, the role's account.
      q.context["aws:principalarn"] = std::vector<std::string>{value.value.value};
      q.context["aws:principalaccount"] = std::vector<std::string>{std::string(eval::parse_arn(value.value.value)->account)};
      q.context["aws:principaltype"] = std::vector<std::string>{"AssumedRole"};
      q.outcome = query::Outcome::explicit_deny;
      q.decided_by = &st;
      const auto hit = engine->find(q);
      if (!hit) {
        continue;
      }
      auto& d = ctx.report(value.value.range,
                           "statement {} excepts {} from its Deny, but not the role's sessions: a request made with "
                           "the role's credentials ({}) is denied ({} on {}); list the assumed-role ARN too, or use "
                           "Principal \"*\" with a condition on aws:PrincipalArn",
                           st.label(), value.value.value, *q.principal, hit->request.action, hit->request.resource);
      d.statement = st.label();
      d.counterexample = probes::counterexample(*hit, {}, "a session of the role the Deny means to except");
    }
  }
}

} // namespace policylint::rules::access
