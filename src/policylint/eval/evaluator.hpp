#pragma once
// AWS's policy evaluation logic for one request against a set of policies:
// an applicable Deny anywhere → explicit deny; else an applicable Allow → allowed;
// else implicit deny. iam-semantics.md §2 lists the rules implemented here.
#include <policylint/eval/request.hpp>
#include <policylint/policy/model.hpp>

#include <span>
#include <vector>

namespace policylint::eval {

enum class Decision { allowed, explicit_deny, implicit_deny };

[[nodiscard]] std::string_view decision_name(Decision d); // "allowed", "explicit-deny", "implicit-deny"

struct StatementRef {
  const policy::Policy* policy = nullptr;
  const policy::Statement* statement = nullptr;
};

struct Evaluation {
  Decision decision = Decision::implicit_deny;
  // The statements that decided: every applicable Deny for explicit-deny, every applicable
  // Allow for allowed, none for implicit-deny. In the order of the policies and statements.
  std::vector<StatementRef> deciding;
};

// Does this statement apply to the request? (Action, Resource — not for trust
// policies —, Principal for trust and resource policies, and every condition.)
// Statements with evaluable == false never apply.
[[nodiscard]] bool statement_applies(const policy::Policy& policy, const policy::Statement& statement,
                                     const Request& request);

// Evaluates the request against all the policies together, as one principal's set. SCPs and
// RCPs among them (Policy::is_guardrail) only limit: their Denies deny, their Allows grant
// nothing, and when an SCP has Allow statements one of them must apply as well. The account
// is taken to be a member account (SCPs and RCPs do not bind the management account).
[[nodiscard]] Evaluation evaluate(std::span<const policy::Policy* const> policies, const Request& request);
[[nodiscard]] Evaluation evaluate(const policy::Policy& policy, const Request& request);

// True for calls SCPs and RCPs never restrict: those of service-linked roles.
[[nodiscard]] bool guardrails_exempt(const Request& request);

} // namespace policylint::eval
