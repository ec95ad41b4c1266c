#pragma once
// A custom check as loaded from a rule file (docs/custom-checks.md): metadata plus a query,
// "is some request of this class allowed?". The loader has validated every field, so the
// query runner never meets a malformed value.
#include <policylint/engine/severity.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/policy/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace policylint::custom {

// Who is asking. Only resource and trust policies name principals; a check with anything
// but `any` skips identity policies (their caller is whoever holds them).
struct PrincipalClass {
  enum class Type { any, anonymous, outside };
  Type type = Type::any;
  std::vector<std::string> trusted_accounts;      // outside: 12-digit ids
  std::vector<std::string> trusted_organizations; // outside: o-… ids
};

// A context key the check fixes for every request: values, or absent (nullopt).
struct FixedKey {
  std::string key;   // as written ("aws:SecureTransport"), for display
  std::string lower; // as the evaluator stores it
  std::optional<std::vector<std::string>> values;
};

// One constraint of `when`: an escape route the policy must not leave open.
struct Constraint {
  enum class Type { source_ip_outside, mfa };
  enum class Mfa { absent, present_false, absent_or_false };
  Type type = Type::source_ip_outside;
  std::vector<eval::Cidr> ranges;        // source_ip_outside
  std::vector<std::string> range_texts;  // as written, for messages
  Mfa mfa = Mfa::absent;
};

struct Query {
  std::vector<policy::PolicyKind> kinds; // empty: every kind
  std::vector<std::string> paths;        // IAM-style wildcards on the display path; empty: every file
  std::vector<std::string> actions;      // patterns, at least one
  std::vector<std::string> resources;    // patterns; empty: any resource
  PrincipalClass principal;
  std::vector<FixedKey> context;
  std::vector<Constraint> when;
  bool when_all = false; // "when_mode": "all" — one request meets every constraint at once
};

struct Check {
  std::string code;     // ACME001
  std::string name;     // kebab-case
  engine::Severity severity = engine::Severity::medium;
  std::string summary;
  std::string message;  // template; empty: the default message
  std::string docs;     // Markdown: what it checks and why
  std::string help;     // Markdown: how to fix
  std::vector<std::string> references;
  std::vector<std::string> tags;
  std::string query_text; // the "query" object as written, for `explain` and SARIF help
  std::string origin;     // "file:line:col" of the check, for duplicate-code messages and docs
  Query query;
};

} // namespace policylint::custom
