#pragma once
// Test-only: builds an account::Account principal by principal from policy JSON (parsed with
// json::parse + policy::build_policy, as the front ends do), for graph and cross-policy tests.
#include <policylint/account/model.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policylint::testing {

class AccountBuilder {
public:
  explicit AccountBuilder(std::string account_id = "111122223333") { m_account.id = std::move(account_id); }

  // One policy document, read from its own "file" named after the policy.
  std::size_t policy(const std::string& name, const std::string& text,
                     policy::PolicyKind kind = policy::PolicyKind::identity) {
    m_files.push_back(std::make_unique<SourceFile>(name + ".json", text));
    auto tree = json::parse(*m_files.back());
    REQUIRE_MESSAGE(tree, "test policy " << name << " is not JSON");
    policy::BuildOptions options;
    options.forced_kind = kind;
    account::PolicyDoc doc;
    doc.name = name;
    doc.file = m_files.back()->path();
    doc.anchor = tree->range;
    doc.policy = policy::build_policy(*tree, options).policy;
    m_account.documents.push_back(std::move(doc));
    return m_account.documents.size() - 1;
  }

  account::Principal& user(const std::string& name, std::vector<std::size_t> policies,
                           std::vector<std::string> groups = {}) {
    auto& p = add(account::PrincipalKind::user, name);
    p.policies = std::move(policies);
    p.groups = std::move(groups);
    return p;
  }

  account::Principal& group(const std::string& name, std::vector<std::size_t> policies) {
    auto& p = add(account::PrincipalKind::group, name);
    p.policies = std::move(policies);
    return p;
  }

  account::Principal& role(const std::string& name, const std::string& trust, std::vector<std::size_t> policies) {
    const std::size_t trust_doc = policy("trust-" + name, trust, policy::PolicyKind::trust);
    auto& p = add(account::PrincipalKind::role, name);
    p.trust_policy = trust_doc;
    p.policies = std::move(policies);
    return p;
  }

  // A compute resource of the account (a function, a stack) that runs with `role_arn`.
  void compute(const std::string& kind, const std::string& arn, const std::string& role_arn, const std::string& service) {
    account::Compute c;
    c.kind = kind;
    c.arn = arn;
    c.role_arn = role_arn;
    c.service = service;
    c.file = "template.json";
    m_account.compute.push_back(std::move(c));
  }

  // Attaches one more policy to a principal declared earlier.
  void attach(const std::string& principal_name, std::size_t document) {
    for (auto& p : m_account.principals) {
      if (p.name == principal_name) {
        p.policies.push_back(document);
        return;
      }
    }
    FAIL("no principal named " << principal_name);
  }

  // A document as the front ends would leave it, e.g. an AWS managed policy from the embedded
  // snapshot, which has no file.
  account::PolicyDoc& document(std::size_t index) { return m_account.documents.at(index); }

  [[nodiscard]] std::string arn(const std::string& kind_and_name) const {
    return "arn:aws:iam::" + m_account.id + ":" + kind_and_name;
  }

  [[nodiscard]] const account::Account& account() const { return m_account; }
  [[nodiscard]] std::vector<const SourceFile*> files() const {
    std::vector<const SourceFile*> out;
    for (const auto& f : m_files) {
      out.push_back(f.get());
    }
    return out;
  }

private:
  account::Principal& add(account::PrincipalKind kind, const std::string& name) {
    account::Principal p;
    p.kind = kind;
    p.name = name;
    const char* word = kind == account::PrincipalKind::user ? "user/" : kind == account::PrincipalKind::group ? "group/" : "role/";
    p.arn = arn(word + name);
    p.file = "account.json";
    m_account.principals.push_back(std::move(p));
    return m_account.principals.back();
  }

  std::vector<std::unique_ptr<SourceFile>> m_files;
  account::Account m_account;
};

// Common policies of the seed scenario.
inline std::string allow_json(const std::string& action, const std::string& resource) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ")" + action +
         R"(", "Resource": ")" + resource + R"("}]})";
}

// A trust policy that lets one AWS service assume the role.
inline std::string service_trust(const std::string& service) {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ")" + service +
         R"("}, "Action": "sts:AssumeRole"}]})";
}

inline std::string trust_json(const std::string& principal, const std::string& condition = "") {
  return R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ")" + principal +
         R"("}, "Action": "sts:AssumeRole")" + (condition.empty() ? "" : ", \"Condition\": " + condition) + "}]}";
}

} // namespace policylint::testing
