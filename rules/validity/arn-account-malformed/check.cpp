// PL039: a Resource or NotResource ARN whose account segment is not an account ID: neither empty
// (S3, Route 53…), 12 digits, "aws" (AWS-owned resources: managed policies, public SSM
// documents, SageMaker hubs), nor a wildcard or a policy variable (Access Analyzer's
// INVALID_ARN_ACCOUNT). Mostly placeholders left in ("account-id", "<ACCOUNT_ID>") and IDs with
// a digit missing.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <string_view>

namespace policylint::rules::validity {

namespace {

bool valid_account(std::string_view account) {
  if (account.empty() || account == "aws") {
    return true;
  }
  // "*", "11112222*", "${aws:PrincipalAccount}", "${AWS::AccountId}" (a template's value).
  if (account.find_first_of("*?") != std::string_view::npos || account.find("${") != std::string_view::npos) {
    return true;
  }
  return account.size() == 12 && std::ranges::all_of(account, [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

void check_arn_account_malformed(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    for (const auto& r : st.resource.values) {
      const auto arn = eval::parse_arn(r.value);
      if (!arn || valid_account(arn->account)) {
        continue;
      }
      ctx.report(r.range,
                 "account segment \"{}\" of ARN \"{}\" in statement {} is not an account ID, so the ARN matches no "
                 "resource; write the 12-digit account ID (or * for any account, empty where the service's ARNs "
                 "have none)",
                 arn->account, r.value, st.label())
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
