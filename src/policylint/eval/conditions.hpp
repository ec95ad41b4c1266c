#pragma once
// Condition evaluation (iam-semantics §6): every operator family, IfExists, the set
// qualifiers and AWS's absent-key rules.
#include <policylint/eval/request.hpp>
#include <policylint/policy/model.hpp>

#include <optional>
#include <string_view>

namespace policylint::eval {

// One operator × key pair against the request. Decisions made here:
// * Absent key (§6.3): positive → false, negated → true, …IfExists → true, ForAllValues →
//   true, ForAnyValue → false. A key present with an empty value set: ForAllValues → true,
//   ForAnyValue → false, unqualified → treated as absent.
// * Several policy values: OR for positive operators, NOR for negated ones. ForAnyValue: some
//   request value satisfies the operator; ForAllValues: every request value does (for negated
//   operators "satisfies" = matches none of the policy values, §6.4).
// * Unqualified operator on a multi-valued key (keys.hpp), or on a key the request gives
//   several values: never matches, IfExists or not (MISSING_QUALIFIER). Null is exempt.
// * Null checks presence only and ignores qualifier and IfExists; values "true"/"false" in
//   any case.
// * Policy variables (when `variables_enabled`) are substituted in String, Arn and Bool
//   values (Bool: AWS pages disagree, §6.2; accepted). A value whose variable cannot be
//   resolved makes the whole condition false once the key is present.
// * A condition whose operator is unknown (op == nullopt) is false; the statement carrying it
//   is not evaluable anyway.
[[nodiscard]] bool condition_matches(const policy::Condition& condition, const Request& request,
                                     bool variables_enabled);

// Value parsers, shared with rules that check condition value types.
// "true"/"false", ASCII case-insensitive.
[[nodiscard]] std::optional<bool> parse_bool_value(std::string_view text);
// Integer or decimal with optional sign ("01" = 1, "1.50"); no exponent, no hex, no spaces.
[[nodiscard]] std::optional<double> parse_numeric_value(std::string_view text);
// Seconds since the epoch. Accepts epoch seconds (all digits, optional fraction) or W3C ISO
// 8601: YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.f…]] with Z, ±hh:mm, ±hhmm or no zone
// (UTC). A four-digit value such as "2020" is read as epoch seconds.
[[nodiscard]] std::optional<double> parse_date_value(std::string_view text);

} // namespace policylint::eval
