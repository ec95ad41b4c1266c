// PL036: a tag condition key written without its "/tag-key" part: aws:ResourceTag,
// aws:RequestTag, aws:PrincipalTag, <service>:ResourceTag, <service>:RequestTag, and S3's
// s3:ExistingObjectTag and s3:RequestObjectTag, alone or with an empty name after the '/'
// (Access Analyzer's MISSING_TAG_KEY_IN_CONDITION). No request carries such a key.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/condition_key_forms.hpp>

#include <string_view>

namespace policylint::rules::validity {

void check_tag_condition_key_missing_tag_name(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  for (const auto& st : unit.policy.statements) {
    for (const auto& c : st.conditions) {
      const std::string_view family = support::tag_key_without_tag_name(c.key.value);
      if (family.empty()) {
        continue;
      }
      ctx.report(c.key.range,
                 "condition key \"{}\" in statement {} names no tag: a tag key is \"{}/<tag-key>\", and no request "
                 "carries the key as written, so the condition never matches as intended; add the tag's name (e.g. "
                 "\"{}/team\"), or test aws:TagKeys for the set of tag names",
                 c.key.value, st.label(), family, family)
          .statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
