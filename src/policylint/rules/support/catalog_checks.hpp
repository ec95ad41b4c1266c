#pragma once
// Shared by the catalog-based validity rules (PL005, PL007, PL015, PL016, PL017, PL018, PL602,
// PL603): how an action or condition key written in a policy relates to the AWS catalog.
#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/policy/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::rules::support {

// The one definition of "has a wildcard", shared by every rule.
using eval::has_wildcard;

// "service:name" split at the first colon; nullopt when there is no colon or either side is empty.
struct SplitName {
  std::string_view prefix;
  std::string_view name;
};
[[nodiscard]] std::optional<SplitName> split_name(std::string_view text) noexcept;

// Service prefixes AWS has retired (the service is closed and its actions were removed from
// the service authorization reference), but which policies written earlier — AWS managed
// policies among them — still name. Such an action matches nothing; it is dead text, not a
// typo, so the rules report it as a warning (PL015) rather than as an unknown action.
[[nodiscard]] bool is_retired_service(std::string_view prefix) noexcept;

// Condition keys that come from an identity provider rather than from the catalog: OIDC
// provider keys (`token.actions.githubusercontent.com:sub`, `accounts.google.com:aud`,
// `cognito-identity.amazonaws.com:amr`, `oidc.eks.<region>.amazonaws.com/id/<id>:sub`) and
// SAML keys (`SAML:aud`). Never checked against the catalog.
[[nodiscard]] bool is_provider_key(std::string_view key) noexcept;

// The key is in the aws: namespace (case-insensitive).
[[nodiscard]] bool is_aws_key(std::string_view key) noexcept;

// Closest real condition keys: the catalog's edit-distance suggestions, else the longest real
// key the written one starts with ("aws:SourceIpAddress" -> "aws:SourceIp").
[[nodiscard]] std::vector<std::string> suggest_condition_key(const catalog::Catalog& cat, std::string_view key);

// " — did you mean a, b or c?" or "" when there are no suggestions.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& suggestions);

// The catalog actions a statement's Action element names, expanded; nullopt when the set is
// not usable for "does any action support X" questions (NotAction, "*", an unknown action).
[[nodiscard]] std::optional<std::vector<catalog::Action>> statement_actions(const catalog::Catalog& cat,
                                                                           const policy::Statement& st);

} // namespace policylint::rules::support
