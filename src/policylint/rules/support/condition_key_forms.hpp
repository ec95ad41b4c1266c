#pragma once
// Condition keys written in a form that a dedicated validity rule reports, so that PL007
// (unknown key) and PL031 (tag key unsupported by a service) leave them alone: one finding per
// key, from the rule that says what is wrong and how to fix it.
#include <string_view>

namespace policylint::rules::support {

// aws:ARN in any case: a global key AWS no longer supports (PL034).
[[nodiscard]] bool is_deprecated_aws_arn_key(std::string_view key) noexcept;

// A tag key written without its tag name: aws:ResourceTag, aws:RequestTag, aws:PrincipalTag,
// <service>:ResourceTag, <service>:RequestTag, s3:ExistingObjectTag, s3:RequestObjectTag,
// alone or with an empty name after the '/' (PL036). Returns the key as written without the
// trailing '/' ("aws:ResourceTag"), or an empty view for any other key.
[[nodiscard]] std::string_view tag_key_without_tag_name(std::string_view key) noexcept;

// Either of the above.
[[nodiscard]] bool has_dedicated_key_rule(std::string_view key) noexcept;

} // namespace policylint::rules::support
