#include <policylint/eval/evaluator.hpp>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/conditions.hpp>
#include <policylint/eval/principal_match.hpp>
#include <policylint/eval/variables.hpp>

#include <algorithm>

namespace policylint::eval {

namespace {

using policy::PolicyKind;

// Index just past the fifth colon: where the resource part, the only place variables are
// allowed in a Resource, begins. npos when the value is not ARN-shaped.
std::size_t resource_part_start(std::string_view value) {
  std::size_t pos = 0;
  for (int i = 0; i < 5; ++i) {
    pos = value.find(':', pos);
    if (pos == std::string_view::npos) {
      return std::string_view::npos;
    }
    ++pos;
  }
  return pos;
}

enum class ResourceHit { no, yes, unresolved };

ResourceHit resource_value_matches(const std::string& pattern, const Request& request, bool variables) {
  if (variables && has_variable(pattern)) {
    const auto start = resource_part_start(pattern);
    if (start != std::string_view::npos && pattern.find("${", start) != std::string::npos) {
      const auto resolved = substitute_variables(pattern, request, VariableMode::glob, start);
      if (!resolved) {
        return ResourceHit::unresolved;
      }
      return resource_matches(*resolved, request.resource, true) ? ResourceHit::yes : ResourceHit::no;
    }
  }
  return resource_matches(pattern, request.resource) ? ResourceHit::yes : ResourceHit::no;
}

bool resource_applies(const policy::ValueList& resource, const Request& request, bool variables) {
  if (!resource.present) {
    return false;
  }
  bool any = false;
  for (const auto& value : resource.values) {
    const ResourceHit hit = resource_value_matches(value.value, request, variables);
    // A variable that cannot be resolved makes the element unusable: the statement does not
    // apply, for Resource and NotResource alike (never "everything but an unknown resource").
    if (hit == ResourceHit::unresolved) {
      return false;
    }
    if (hit == ResourceHit::yes) {
      any = true;
      if (!resource.negated) {
        break;
      }
    }
  }
  return resource.negated ? !any : any;
}

} // namespace

std::string_view decision_name(Decision d) {
  switch (d) {
  case Decision::allowed:
    return "allowed";
  case Decision::explicit_deny:
    return "explicit-deny";
  case Decision::implicit_deny:
    return "implicit-deny";
  }
  return "implicit-deny";
}

bool statement_applies(const policy::Policy& policy, const policy::Statement& statement, const Request& request) {
  if (!statement.evaluable || !statement.effect) {
    return false;
  }
  if (!action_element_covers(statement.action, request.action)) {
    return false;
  }
  // Role trust policies have no Resource: the role itself is the resource.
  if (policy.kind != PolicyKind::trust && !resource_applies(statement.resource, request, policy.variables_enabled())) {
    return false;
  }
  // Identity policies cannot name a principal (the parser reports one if written).
  if (policy.kind != PolicyKind::identity &&
      (!statement.principal.present || !principal_list_matches(statement.principal, request.principal))) {
    return false;
  }
  const bool variables = policy.variables_enabled();
  return std::all_of(statement.conditions.begin(), statement.conditions.end(),
                     [&](const policy::Condition& c) { return condition_matches(c, request, variables); });
}

Evaluation evaluate(std::span<const policy::Policy* const> policies, const Request& request) {
  Evaluation result;
  std::vector<StatementRef> allows;
  // SCPs and RCPs (docs/evaluator.md, "Organisation policies"): their Denies deny like any
  // other; their Allows grant nothing. When an SCP with an Allow statement is given, one of
  // those Allows must also apply (no SCP Allow: AWS's default FullAWSAccess is assumed).
  const bool exempt = guardrails_exempt(request);
  bool scp_allow_needed = false;
  bool scp_allows = false;
  for (const policy::Policy* policy : policies) {
    if (policy == nullptr) {
      continue;
    }
    const bool guardrail = policy->is_guardrail();
    if (guardrail && exempt) {
      continue;
    }
    const bool scp = policy->type == policy::PolicyType::scp;
    for (const auto& statement : policy->statements) {
      if (scp && statement.evaluable && statement.effect == policy::Effect::allow) {
        scp_allow_needed = true;
      }
      if (!statement_applies(*policy, statement, request)) {
        continue;
      }
      if (*statement.effect == policy::Effect::deny) {
        result.deciding.push_back({policy, &statement});
      } else if (guardrail) {
        scp_allows = scp_allows || scp;
      } else if (result.deciding.empty()) {
        // Allows only matter while no Deny has been seen.
        allows.push_back({policy, &statement});
      }
    }
  }
  if (!result.deciding.empty()) {
    result.decision = Decision::explicit_deny;
  } else if (!allows.empty() && (!scp_allow_needed || scp_allows)) {
    result.decision = Decision::allowed;
    result.deciding = std::move(allows);
  }
  return result;
}

bool guardrails_exempt(const Request& request) {
  // Service-linked roles: arn:aws:iam::ACCOUNT:role/aws-service-role/… and their sessions.
  return request.principal.find(":role/aws-service-role/") != std::string::npos ||
         request.principal.find(":assumed-role/AWSServiceRoleFor") != std::string::npos;
}

Evaluation evaluate(const policy::Policy& policy, const Request& request) {
  const policy::Policy* const one[] = {&policy};
  return evaluate(std::span<const policy::Policy* const>(one), request);
}

} // namespace policylint::eval
