#pragma once
// ARNs: splitting, the Resource element's matching rule (iam-semantics §4) and the
// ArnLike/ArnEquals condition rule (§6.2). Both are case-sensitive.
#include <optional>
#include <string_view>

namespace policylint::eval {

// The six colon-separated segments of "arn:partition:service:region:account:resource".
// The resource part keeps any further colons ("function:f:PROD"). Views into the input.
struct ArnParts {
  std::string_view prefix; // "arn"
  std::string_view partition;
  std::string_view service;
  std::string_view region;
  std::string_view account;
  std::string_view resource;
};

// nullopt unless the text starts with "arn:" and has at least five colons.
[[nodiscard]] std::optional<ArnParts> parse_arn(std::string_view text);

// Resource / NotResource: does the pattern cover the request's resource?
// * "*" matches everything, including the resource "*" of wildcard-only actions.
// * The first five segments are matched one by one; `*` and `?` stay inside their segment…
// * …except that a `*` ending a segment may also absorb the colons that follow (AWS: "if the
//   * is the last character of a resource ARN segment, it can expand to match beyond colon
//   boundaries"), so "arn:aws:iam::*" covers "arn:aws:iam::123456789012:role/x" and
//   "arn:aws:svc:*:1:x" covers "arn:aws:svc:r:2:y:1:x".
// * The resource part (after the fifth colon) is one glob: `*` spans `/` and `:`.
// `escaped`: the pattern came from variable substitution and uses `\` escapes (glob.hpp).
[[nodiscard]] bool resource_matches(std::string_view pattern, std::string_view resource, bool escaped = false);

// Could IAM issue this ARN? False only for an IAM ARN whose resource part holds a ':', which
// no IAM name (user, role, group, policy, instance profile, ...) can. Such text is what a
// pattern like "arn:aws:iam::*:user/${aws:username}" admits through its account `*`
// ("…:user/other:user/alice"), a string no request names. Anything else: true.
[[nodiscard]] bool issuable_iam_arn(std::string_view arn);

// ArnLike / ArnEquals (the two are identical): strictly segment by segment, so no `*` ever
// crosses a colon before the resource part. Choice for values AWS does not define: a pattern
// that is not six segments ("*", "arn:aws:iam::*") is matched as a plain glob against the
// whole value; a six-segment pattern never matches a value that is not six segments.
[[nodiscard]] bool arn_like_matches(std::string_view pattern, std::string_view value, bool escaped = false);

} // namespace policylint::eval
