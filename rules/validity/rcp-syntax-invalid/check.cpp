// PL027: what AWS Organizations rejects in a resource control policy: a principal other than
// "*", NotPrincipal, NotAction, an Allow other than RCPFullAWSAccess's, an action of a service
// that RCPs do not cover (the size is PL012's).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/engine.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::validity {

namespace {

// The services RCPs apply to: AWS Organizations User Guide, "Resource control policies"
// (s3, sts, sqs, secretsmanager, kms at launch), and those AWS added since, as AWS's own
// data-perimeter RCP examples use them (ecr, dynamodb, logs, cognito-identity, cognito-idp,
// aoss).
constexpr std::array<std::string_view, 11> k_rcp_services{"s3",  "sts",  "sqs",         "secretsmanager",   "kms",
                                                          "ecr", "dynamodb", "logs", "cognito-identity", "cognito-idp",
                                                          "aoss"};

bool only_star(const std::vector<policy::Text>& values) {
  return values.size() == 1 && values.front().value == "*";
}

// RCPFullAWSAccess, the Allow AWS attaches to every root, OU and account.
bool full_access_allow(const policy::Statement& st) {
  return !st.action.negated && only_star(st.action.values) && !st.resource.negated && only_star(st.resource.values) &&
         st.conditions.empty() && !st.principal.negated && st.principal.values.size() == 1 &&
         st.principal.values.front().value.value == "*";
}

} // namespace

void check_rcp_syntax_invalid(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.type != policy::PolicyType::rcp) {
    return;
  }
  for (const auto& st : unit.policy.statements) {
    const auto report = [&](SourceRange range, std::string message) {
      ctx.report(range, "statement {}: {}", st.label(), message).statement = st.label();
    };
    if (st.principal.present && st.principal.negated) {
      report(st.principal.key_range, "a resource control policy accepts no \"NotPrincipal\"; write \"Principal\": \"*\" "
                                     "and narrow the callers with conditions");
    } else {
      for (const auto& p : st.principal.values) {
        if (p.type != "AWS" || p.value.value != "*") {
          report(p.value.range, "a resource control policy's principal must be \"*\"; narrow the callers with "
                                "conditions such as aws:PrincipalOrgID");
        }
      }
    }
    if (st.effect == policy::Effect::allow && !full_access_allow(st)) {
      report(st.effect_range, "a resource control policy only denies: its one Allow is RCPFullAWSAccess's "
                              "(Principal, Action and Resource \"*\", no Condition)");
    }
    if (st.action.present && st.action.negated) {
      report(st.action.key_range, "a resource control policy accepts no \"NotAction\"; list the actions to deny");
      continue;
    }
    for (const auto& a : st.action.values) {
      if (a.value == "*") {
        continue;
      }
      const std::string service = query::to_lower(a.value.substr(0, a.value.find(':')));
      if (service.find_first_of("*?") == std::string::npos &&
          std::find(k_rcp_services.begin(), k_rcp_services.end(), service) == k_rcp_services.end()) {
        report(a.range, "\"" + a.value + "\" is an action of a service that resource control policies do not cover "
                        "(s3, sts, sqs, secretsmanager, kms, ecr, dynamodb, logs, cognito-identity, cognito-idp, aoss)");
      }
    }
  }
}

} // namespace policylint::rules::validity
