#pragma once
// The interface between the generated rule table and the engine. Native rule functions
// are declared by the generated file; their signature is CheckFn.
#include <span>

namespace policylint::account {
class Graph;
}

namespace policylint::engine {

struct PolicyUnit;
class RuleContext;
class AccountRuleContext;

using CheckFn = void (*)(const PolicyUnit& unit, RuleContext& ctx);
// "impl": "account" rules: run once per account (principal graph), see engine/account_runner.hpp.
using AccountCheckFn = void (*)(const account::Graph& graph, AccountRuleContext& ctx);

// One rule as the build embedded it: rule.json's fields, README.md text, implementation.
struct RawRule {
  const char* code;
  const char* name;
  const char* category;
  const char* severity;
  const char* summary;
  const char* precision;  // empty: "high"
  bool security;
  const char* tags;       // one per line
  const char* references; // one per line
  const char* readme;
  CheckFn check; // nullptr for rules reported by the parser/model builder
  AccountCheckFn account_check; // "impl": "account" only
};

[[nodiscard]] std::span<const RawRule> raw_rules();

} // namespace policylint::engine
