#pragma once
// The principals of an account (or of a template / plan) and the policies attached to them,
// as every front end that knows about principals fills it: authorization-details snapshots,
// CloudFormation templates, Terraform plans. Cross-policy rules read only this.
//
// Every range is an offset into the user's own file named by `file`: front ends that parse a
// policy from a JSON string (plans, snapshots) translate the ranges back before storing.
#include <policylint/core/source_range.hpp>
#include <policylint/policy/model.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace policylint::account {

enum class PrincipalKind { user, group, role };

// One policy document: inline, customer managed, AWS managed (from the embedded snapshot,
// `file` empty), a trust policy or a permissions boundary.
struct PolicyDoc {
  std::string name;      // the policy's name (inline name, managed policy name, "trust policy")
  std::string arn;       // managed policies: their ARN (may be symbolic, e.g. a CloudFormation !Ref); inline: empty
  std::string file;      // display path of the file it was read from; empty for the embedded snapshot
  SourceRange anchor;    // where a finding about the document as a whole points
  policy::Policy policy; // ranges are offsets into `file`
};

struct Principal {
  PrincipalKind kind = PrincipalKind::user;
  std::string name;   // user/group/role name, or the template's logical id when no name is set
  std::string arn;    // arn:aws:iam::ACCOUNT:user/PATH/NAME when known; may be symbolic
  std::string file;   // display path of the file that declares it
  SourceRange anchor; // the declaration (resource logical id, snapshot entry)
  std::vector<std::size_t> policies;               // inline and managed, indexes into Account::documents
  std::vector<std::string> groups;                 // users: the names of their groups
  std::optional<std::size_t> trust_policy;         // roles: the AssumeRolePolicyDocument
  std::optional<std::size_t> permissions_boundary; // users and roles
  // Managed policies attached by ARN that the file does not define (another input or the
  // embedded AWS managed policies may), and the boundary's ARN as written (resolved or not).
  std::vector<std::string> unresolved_policy_arns;
  std::string permissions_boundary_arn;
};

// A resource that runs code with a role (a Lambda function, a CloudFormation stack, a
// notebook instance): whoever can change what it runs acts with the role's permissions.
struct Compute {
  std::string kind;     // "Lambda function", as a message names it
  std::string arn;      // as policies name it; '*' where the input leaves a part to AWS (Region, id)
  std::string role_arn; // the role it runs with, as written (resolved where the input knows it)
  std::string service;  // the service principal that assumes the role ("lambda.amazonaws.com")
  std::string file;     // display path of the file that declares it
  SourceRange anchor;   // the declaration
};

struct Account {
  std::string id; // twelve digits when known
  std::vector<PolicyDoc> documents;
  std::vector<Principal> principals;
  std::vector<Compute> compute;
  // SCPs and RCPs (documents whose policy type is scp or rcp) that bind every principal and
  // resource of the account: found in an input or given with --scp / --rcp.
  std::vector<std::size_t> organisation_policies;

  // Appends another front end's account (documents re-indexed), so that several input
  // files describing one account form one graph.
  void merge(Account other) {
    const std::size_t base = documents.size();
    for (auto& d : other.documents) {
      documents.push_back(std::move(d));
    }
    for (auto& p : other.principals) {
      for (auto& i : p.policies) {
        i += base;
      }
      if (p.trust_policy) {
        *p.trust_policy += base;
      }
      if (p.permissions_boundary) {
        *p.permissions_boundary += base;
      }
      principals.push_back(std::move(p));
    }
    for (auto& c : other.compute) {
      compute.push_back(std::move(c));
    }
    for (auto i : other.organisation_policies) {
      organisation_policies.push_back(i + base);
    }
    if (id.empty()) {
      id = std::move(other.id);
    }
  }
};

} // namespace policylint::account
