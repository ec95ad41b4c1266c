// PL012: the policy document is longer than IAM's quota for its kind.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <cstddef>

namespace policylint::rules::validity {

namespace {

// IAM quotas (iam-semantics §1), in characters not counting whitespace.
constexpr std::size_t k_identity_quota = 6144; // managed policy
constexpr std::size_t k_trust_quota = 2048;    // role trust policy, default (raisable to 8,192)
constexpr std::size_t k_organizations_quota = 5120; // SCPs and RCPs (AWS Organizations quotas)
constexpr std::size_t k_resource_quota = 20480; // the largest common one: S3 bucket policies, 20 KB
constexpr std::size_t k_session_quota = 2048;   // STS: the session policies of one call, together

} // namespace

void check_policy_size_exceeds_quota(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.file == nullptr) {
    return;
  }
  const SourceRange r = unit.policy.range;
  const std::string_view text = unit.file->text();
  if (r.end > text.size() || r.begin >= r.end) {
    return;
  }
  std::size_t quota = k_identity_quota;
  const char* what = "an identity (managed) policy";
  if (unit.policy.kind == policy::PolicyKind::trust) {
    quota = k_trust_quota;
    what = "a role trust policy (raisable to 8,192 with a quota increase)";
  } else if (unit.policy.kind == policy::PolicyKind::resource) {
    quota = k_resource_quota;
    what = "a resource policy (S3 bucket policies; other services allow less)";
  }
  // SCPs and RCPs: AWS Organizations' 5,120 characters. Counted without whitespace like the
  // others, a lower bound of any count AWS makes, so a finding is never a false one.
  if (unit.policy.type == policy::PolicyType::scp) {
    quota = k_organizations_quota;
    what = "a service control policy";
  } else if (unit.policy.type == policy::PolicyType::rcp) {
    quota = k_organizations_quota;
    what = "a resource control policy";
  } else if (unit.policy.type == policy::PolicyType::session) {
    // AWS STS: the plain text of a call's session policies, inline and managed, together.
    quota = k_session_quota;
    what = "a session policy (AssumeRole's session policies together)";
  }
  // A document no longer than the quota cannot exceed it: only the long ones are counted.
  const std::string_view doc = text.substr(r.begin, r.end - r.begin);
  if (doc.size() <= quota) {
    return;
  }
  std::size_t blanks = 0;
  for (const char c : doc) {
    blanks += static_cast<std::size_t>(c == ' ') + static_cast<std::size_t>(c == '\t') +
              static_cast<std::size_t>(c == '\n') + static_cast<std::size_t>(c == '\r');
  }
  const std::size_t size = doc.size() - blanks;
  if (size > quota) {
    ctx.report(SourceRange{r.begin, r.begin + 1}, "policy is {} characters without whitespace, over the {} quota for {}; {}",
               size, quota, what,
               unit.policy.type == policy::PolicyType::session
                   ? "shorten it (wildcards, fewer statements): session policies cannot be split to fit"
                   : "split it into several policies");
  }
}

} // namespace policylint::rules::validity
