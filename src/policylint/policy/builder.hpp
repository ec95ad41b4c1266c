#pragma once
// Builds the normalised model from a JSON syntax tree and reports every structural problem
// it meets (missing or invalid elements, wrong JSON types, duplicate keys, unknown elements…)
// as issues with ranges. It never throws and never gives up on the rest of the document.
#include <policylint/json/value.hpp>
#include <policylint/policy/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policylint::policy {

// A problem found while building the model, named by the slug of the rule that reports it.
struct StructuralIssue {
  std::string rule; // e.g. "malformed-policy", "duplicate-json-key"
  SourceRange range;
  std::string message;
};

struct BuildOptions {
  std::optional<PolicyKind> forced_kind; // --kind
  std::optional<PolicyType> type;        // --policy-type or the input's context; sets the kind unless forced
  std::string resource_service;          // the resource's service prefix, when the context names it
  std::uint32_t max_statements = 1000;    // --max-statements (0 = no limit): later statements are not analysed
};

struct BuildResult {
  Policy policy;
  std::vector<StructuralIssue> issues;
};

[[nodiscard]] BuildResult build_policy(const json::Value& root, const BuildOptions& options = {});

// The kind a document looks like: trust when it has a Principal and grants sts:AssumeRole*,
// resource when it has a Principal, identity otherwise.
[[nodiscard]] PolicyKind detect_kind(const Policy& policy);
[[nodiscard]] std::string_view kind_name(PolicyKind kind);
[[nodiscard]] std::optional<PolicyKind> parse_kind(std::string_view text);

// "identity", "resource", "trust", "scp", "rcp", "boundary", "session": the names
// --policy-type and the config accept.
[[nodiscard]] std::string_view type_name(PolicyType type);
[[nodiscard]] std::optional<PolicyType> parse_type(std::string_view text);
[[nodiscard]] std::vector<std::string> type_names();
// How a document of this type is evaluated: SCPs, boundaries and session policies as identity
// policies (no Principal), RCPs as resource policies (Principal "*").
[[nodiscard]] PolicyKind kind_of(PolicyType type);
// How findings name the type: "a service control policy", "a role trust policy"…
[[nodiscard]] std::string_view type_description(PolicyType type);

} // namespace policylint::policy
