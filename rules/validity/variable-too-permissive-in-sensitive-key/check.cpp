// PL611: a policy variable in a value of a key that names the caller or the resource owner,
// anchored by fewer than six identifying characters, where a looser match grants more: the
// request then supplies most of the value it is compared with.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/sensitive_values.hpp>

#include <algorithm>
#include <array>

namespace policylint::rules::validity {

namespace {

// Keys that name a party of the request (the caller, the resource, the service's resource, the
// VPC an EC2 instance's credentials were issued in), set by AWS rather than by the caller.
constexpr std::array<std::string_view, 10> k_party_keys{
    "aws:PrincipalAccount", "aws:PrincipalOrgID",      "aws:PrincipalOrgPaths", "aws:ResourceAccount",
    "aws:ResourceOrgID",    "aws:ResourceOrgPaths",    "aws:SourceAccount",     "aws:SourceOrgID",
    "aws:SourceOrgPaths",   "aws:Ec2InstanceSourceVpc"};

// A whole value "${aws:PrincipalOrgID}" under another party's key compares two parties (the
// data-perimeter "same organisation as the caller" test), not a pattern the caller can stretch;
// under the key itself it is always true and stays reported.
bool compares_parties(std::string_view key, std::string_view text) {
  if (!text.starts_with("${") || !text.ends_with('}') || text.find('}') != text.size() - 1) {
    return false;
  }
  std::string_view name = text.substr(2, text.size() - 3);
  name = name.substr(0, name.find(','));
  while (!name.empty() && name.back() == ' ') {
    name.remove_suffix(1);
  }
  return !sensitive::iequals(name, key) &&
         std::ranges::any_of(k_party_keys, [&](std::string_view k) { return sensitive::iequals(k, name); });
}

} // namespace

void check_variable_too_permissive_in_sensitive_key(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.effect) {
      continue;
    }
    for (const auto& c : st.conditions) {
      if (!c.op || !sensitive::is_sensitive(c.key.value) || c.op->op == policy::Op::null ||
          !sensitive::looser_widens(*st.effect, c.op->op) ||
          sensitive::bounded_by_attachment(unit.policy.kind, c.key.value)) {
        continue;
      }
      const auto family = policy::family_of(c.op->op);
      if (family != policy::OpFamily::string && family != policy::OpFamily::arn) {
        continue;
      }
      for (const auto& v : c.values) {
        const auto verdict = sensitive::judge(c.key.value, v.text, c.op->op);
        if (!verdict.has_variable || verdict.anchored || compares_parties(c.key.value, v.text)) {
          continue;
        }
        const bool userid = sensitive::iequals(c.key.value, "aws:userid");
        ctx.report(v.range,
                   "\"{}\" under \"{}\" takes its value from the request with fewer than {} fixed characters "
                   "around the variable, so the caller can match it{}",
                   v.text, c.key.value, sensitive::k_min_anchor,
                   userid ? "; in aws:userid a variable may only follow the unique ID and its ':' "
                            "(\"AIDAJQABLZS4A3QDU576Q:${aws:username}\")"
                          : "; name the account, organisation or resource literally")
            .statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
