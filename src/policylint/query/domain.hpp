#pragma once
// The values of one condition key that the policies can tell apart. For every operator family
// the evaluator supports, a finite set of representatives — one per region of values on which
// every condition over the key gives the same answer — decides any question about the key:
// string constants and patterns (automaton.hpp), numeric and date bounds and the values
// between and beside them, one address in each combination of mentioned CIDR ranges and one
// outside all, true/false/other, the key absent, and for multi-valued keys the empty set and
// sets of representatives. docs/query.md states where this is exact.
#include <policylint/policy/model.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace policylint::query {

// One way a key can appear in a request: absent (nullopt) or with these values.
using KeyOption = std::optional<std::vector<std::string>>;

struct KeyCondition {
  const policy::Condition* condition = nullptr;
  bool variables = false; // policy variables substituted (Version 2012-10-17)
};

struct KeyDomain {
  std::string key;        // lower-case
  bool multivalued = false;
  std::vector<KeyOption> options; // absent first, then single values, then sets
  bool exact = true;      // false: a documented approximation applied (docs/query.md)
};

// The value shared by keys linked through policy variables, so "${aws:username}" can equal a
// key that is compared with it. It shows in counterexamples ("user/the-callers-name
// [aws:username=the-callers-name]"), so it reads as what it stands for; no policy writes it.
inline constexpr const char* k_variable_value = "the-callers-name";
// A value no policy mentions ("aws:ResourceTag/team=some-other-value").
inline constexpr const char* k_other_value = "some-other-value";

// Representatives of the regions of one key. `variable_linked`: the key is compared with or
// substituted into a policy variable; its values are then not merged by signature.
[[nodiscard]] KeyDomain build_domain(const std::string& lower_key, std::span<const KeyCondition> conditions,
                                     bool variable_linked);

// The keys named by "${…}" policy variables in a text (lower-case, escapes excluded).
[[nodiscard]] std::vector<std::string> variable_keys(std::string_view text);

// The text with every "${…}" replaced by k_variable_value.
[[nodiscard]] std::string with_variables_instantiated(std::string_view text);

} // namespace policylint::query
