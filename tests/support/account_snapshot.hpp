#pragma once
// Test-only: builds an account::Account from the objects-only subset of
// `aws iam get-account-authorization-details` output (policy documents as JSON objects, as the
// AWS CLI prints them), so that cross-policy tests and the cross-policy README examples can be
// written as the realistic account snapshots users have. The product's own snapshot reader
// (URL-encoded strings, every field) is the front end's; this reads only what the graph needs.
#include <policylint/account/model.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/account_runner.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace policylint::testing {

struct Snapshot {
  std::unique_ptr<SourceFile> file;
  account::Account account;
};

namespace snapshot_detail {

inline std::string text_of(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

inline const std::vector<json::Value>& items_of(const json::Value& obj, std::string_view key) {
  static const std::vector<json::Value> k_none;
  const json::Value* v = obj.find(key);
  return v != nullptr && v->is_array() ? v->items : k_none;
}

inline std::size_t add_document(account::Account& a, const std::string& file, std::string name, std::string arn,
                                const json::Value& document, policy::PolicyKind kind) {
  policy::BuildOptions options;
  options.forced_kind = kind;
  account::PolicyDoc doc;
  doc.name = std::move(name);
  doc.arn = std::move(arn);
  doc.file = file;
  doc.anchor = document.range;
  doc.policy = policy::build_policy(document, options).policy;
  a.documents.push_back(std::move(doc));
  return a.documents.size() - 1;
}

} // namespace snapshot_detail

inline Snapshot read_snapshot(std::string_view text, std::string name = "account.json") {
  using namespace snapshot_detail;
  Snapshot s;
  s.file = std::make_unique<SourceFile>(name, std::string(text));
  auto tree = json::parse(*s.file);
  REQUIRE(tree);
  REQUIRE(tree->is_object());
  account::Account& a = s.account;
  // Managed policies: their default version, by ARN.
  std::map<std::string, std::size_t> managed;
  for (const auto& p : items_of(*tree, "Policies")) {
    for (const auto& version : items_of(p, "PolicyVersionList")) {
      const json::Value* is_default = version.find("IsDefaultVersion");
      const json::Value* document = version.find("Document");
      if (is_default != nullptr && is_default->text == "true" && document != nullptr && document->is_object()) {
        managed[text_of(p, "Arn")] =
            add_document(a, name, text_of(p, "PolicyName"), text_of(p, "Arn"), *document, policy::PolicyKind::identity);
      }
    }
  }
  auto read_principal = [&](const json::Value& entry, account::PrincipalKind kind, std::string_view name_key,
                            std::string_view inline_key) {
    account::Principal p;
    p.kind = kind;
    p.name = text_of(entry, name_key);
    p.arn = text_of(entry, "Arn");
    p.file = name;
    p.anchor = entry.range;
    for (const auto& inline_policy : items_of(entry, inline_key)) {
      if (const json::Value* document = inline_policy.find("PolicyDocument"); document != nullptr && document->is_object()) {
        p.policies.push_back(add_document(a, name, text_of(inline_policy, "PolicyName"), "", *document,
                                          policy::PolicyKind::identity));
      }
    }
    for (const auto& attached : items_of(entry, "AttachedManagedPolicies")) {
      const auto at = managed.find(text_of(attached, "PolicyArn"));
      REQUIRE_MESSAGE(at != managed.end(), "managed policy missing from Policies: " << text_of(attached, "PolicyArn"));
      p.policies.push_back(at->second);
    }
    for (const auto& group : items_of(entry, "GroupList")) {
      p.groups.push_back(group.text);
    }
    if (const json::Value* boundary = entry.find("PermissionsBoundary"); boundary != nullptr && boundary->is_object()) {
      const auto at = managed.find(text_of(*boundary, "PermissionsBoundaryArn"));
      REQUIRE(at != managed.end());
      p.permissions_boundary = at->second;
    }
    if (const json::Value* trust = entry.find("AssumeRolePolicyDocument"); trust != nullptr && trust->is_object()) {
      p.trust_policy = add_document(a, name, "trust policy of " + p.name, "", *trust, policy::PolicyKind::trust);
    }
    a.principals.push_back(std::move(p));
  };
  for (const auto& u : items_of(*tree, "UserDetailList")) {
    read_principal(u, account::PrincipalKind::user, "UserName", "UserPolicyList");
  }
  for (const auto& g : items_of(*tree, "GroupDetailList")) {
    read_principal(g, account::PrincipalKind::group, "GroupName", "GroupPolicyList");
  }
  for (const auto& r : items_of(*tree, "RoleDetailList")) {
    read_principal(r, account::PrincipalKind::role, "RoleName", "RolePolicyList");
  }
  return s;
}

// Lints the snapshot's account, findings located in the snapshot text.
inline std::vector<engine::Diagnostic> lint_snapshot(const Snapshot& s, std::vector<std::string> select = {},
                                                     std::vector<std::string> ip_allowlist = {}) {
  engine::LintOptions options;
  options.selection.select = std::move(select);
  engine::AccountLintOptions account_options;
  account_options.sources = {s.file.get()};
  account_options.ip_allowlist = std::move(ip_allowlist);
  return engine::lint_account(s.account, options, account_options);
}

} // namespace policylint::testing
