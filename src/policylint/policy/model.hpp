#pragma once
// The one normalised policy model. Every front end builds it; the evaluator, the rules and
// the writers read it. Scalars are already lists, "Principal": "*" is already
// {"AWS": ["*"]}, and every node keeps the source range of the token it came from.
#include <policylint/core/source_range.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policylint::policy {

// A string value as written, and where.
struct Text {
  std::string value;
  SourceRange range;
};

enum class Effect { allow, deny };

// What a document is for; decides which elements are required and which rules apply.
enum class PolicyKind {
  identity, // attached to a user, group or role: no Principal
  trust,    // a role's AssumeRolePolicyDocument: Principal + sts:AssumeRole*, no Resource
  resource, // attached to a resource (bucket, key, queue…): Principal + Resource
};

// AWS's policy types, finer than PolicyKind (docs/policy-types.md): known only when the user
// says so (--policy-type, the config's input-kinds) or the input's context does (a
// CloudFormation or Terraform resource type); never guessed from the document. Each type is
// evaluated as one kind (kind_of): SCPs, boundaries and session policies name no Principal,
// RCPs name "*".
enum class PolicyType { identity, resource, trust, scp, rcp, boundary, session };

// Action/NotAction or Resource/NotResource after normalisation.
struct ValueList {
  bool present = false;  // the element (or its Not* twin) was written
  bool negated = false;  // NotAction / NotResource
  SourceRange key_range; // the element's key token
  std::vector<Text> values;
};

// One principal value, typed: "AWS", "Service", "Federated", "CanonicalUser" (or another
// key as written, which the parser reports).
struct PrincipalValue {
  std::string type;
  Text value;
};

struct PrincipalList {
  bool present = false;
  bool negated = false;  // NotPrincipal
  bool bare_wildcard = false; // written as the string "*", which role trust policies do not accept
  SourceRange key_range;
  std::vector<PrincipalValue> values; // "*" is stored as {type "AWS", value "*"}
};

// The condition operators AWS documents, without qualifier or IfExists.
enum class Op {
  string_equals, string_not_equals, string_equals_ignore_case, string_not_equals_ignore_case,
  string_like, string_not_like,
  numeric_equals, numeric_not_equals, numeric_less_than, numeric_less_than_equals,
  numeric_greater_than, numeric_greater_than_equals,
  date_equals, date_not_equals, date_less_than, date_less_than_equals, date_greater_than,
  date_greater_than_equals,
  boolean, binary_equals, ip_address, not_ip_address,
  arn_equals, arn_like, arn_not_equals, arn_not_like,
  null,
};

enum class OpFamily { string, numeric, date, boolean, binary, ip_address, arn, null };
enum class SetQualifier { none, for_any_value, for_all_values };

struct Operator {
  Op op = Op::string_equals;
  SetQualifier qualifier = SetQualifier::none;
  bool if_exists = false;
};

[[nodiscard]] OpFamily family_of(Op op);
// True for operators whose several values combine by NOR (StringNotEquals, NotIpAddress…).
[[nodiscard]] bool is_negated(Op op);
// Parses an operator name in AWS's documented spelling ("ForAnyValue:StringLikeIfExists").
// Any other spelling, NullIfExists included, is not an operator.
[[nodiscard]] std::optional<Operator> parse_operator(std::string_view name);
[[nodiscard]] std::string operator_name(const Operator& op);

// JSON type of a condition value as written ("true" and true are both accepted by AWS).
enum class ValueType { string, number, boolean };

struct ConditionValue {
  std::string text; // JSON strings unescaped; numbers and booleans as their text
  SourceRange range;
  ValueType type = ValueType::string;
};

// One operator × key pair of a Condition block. All conditions of a statement are ANDed.
struct Condition {
  Text operator_text;               // the operator key as written
  std::optional<Operator> op;       // nullopt: unknown operator (the statement is invalid)
  Text key;                         // the condition key as written (match case-insensitively)
  std::vector<ConditionValue> values;
};

struct Statement {
  std::uint32_t index = 0;          // 0-based position in the Statement list
  SourceRange range;                // the statement object
  std::optional<Text> sid;
  std::optional<Effect> effect;     // nullopt: missing or invalid
  SourceRange effect_range;
  ValueList action;
  ValueList resource;
  PrincipalList principal;
  std::vector<Condition> conditions;
  SourceRange condition_range;      // the Condition key, when present
  // False when the statement cannot be evaluated as AWS would (missing or invalid Effect,
  // unknown operator, wrongly typed element). AWS rejects such a policy; the evaluator skips
  // the statement and the parser has reported why.
  bool evaluable = true;

  // "Sid" when present, else "#<index+1>": how findings name a statement.
  [[nodiscard]] std::string label() const;
};

struct Policy {
  std::optional<Text> version;
  std::optional<Text> id;
  std::vector<Statement> statements;
  SourceRange range;      // the policy object
  SourceRange statement_key_range;
  PolicyKind kind = PolicyKind::identity;
  bool kind_was_forced = false; // --kind given
  std::optional<PolicyType> type; // nullopt: the input does not say
  // For a resource policy whose resource is known: the service prefix of that resource ("s3"
  // for a bucket policy, "kms" for a key policy); empty when unknown.
  std::string resource_service;

  // An SCP or RCP: it never grants, it only limits what the other policies allow.
  [[nodiscard]] bool is_guardrail() const {
    return type == PolicyType::scp || type == PolicyType::rcp;
  }
  // A guardrail, a permissions boundary or a session policy only limits what other policies
  // grant: allowing an action in it grants nothing by itself.
  [[nodiscard]] bool grants_nothing() const {
    return is_guardrail() || type == PolicyType::boundary || type == PolicyType::session;
  }

  // Policy variables are substituted only under Version 2012-10-17.
  [[nodiscard]] bool variables_enabled() const {
    return version.has_value() && version->value == "2012-10-17";
  }
};

} // namespace policylint::policy
