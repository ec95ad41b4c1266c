// Matching a policy Resource ARN pattern against a catalog ARN template.
#pragma once

#include <string_view>

namespace policylint::rules::support {

// Whether some concrete ARN can match both the policy pattern (with `*`, `?` and policy
// variables such as `${aws:username}`, which are treated as `*`) and the catalog template
// ("arn:${Partition}:s3:::${BucketName}/${ObjectName}", each `${…}` standing for non-empty
// text). Conservative: true unless clearly impossible. Placeholders in the partition, region
// and account segments do not span `:`; a `${…BucketName}` placeholder does not span `/`.
// Comparison ignores case.
[[nodiscard]] bool arn_may_match_template(std::string_view pattern, std::string_view arn_template);

// The same for the resource segments only (after the fifth ':'); true when either has fewer
// than six segments.
[[nodiscard]] bool arn_resource_may_match_template(std::string_view pattern, std::string_view arn_template);

} // namespace policylint::rules::support
