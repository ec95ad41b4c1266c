#pragma once
// Policy variables (iam-semantics §7): "${aws:username}", "${aws:PrincipalTag/team, 'x'}",
// and the escapes "${*}", "${?}", "${$}". Callers substitute only when
// Policy::variables_enabled() (Version 2012-10-17) and only in the elements AWS allows.
#include <policylint/eval/request.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace policylint::eval {

enum class VariableMode {
  literal, // result is plain text (StringEquals, Bool…)
  glob,    // result is a glob pattern with `\` escapes (glob.hpp, GlobOptions::escapes): the
           // text's own `*`/`?` stay wildcards, substituted values and ${*}/${?} are literal
};

// Cheap test for "${" so callers skip substitution (and its allocation) for most values.
[[nodiscard]] bool has_variable(std::string_view text);

// Substitutes every variable in text[from…]; text before `from` is copied unchanged (in glob
// mode escaped as needed) — used to keep the first five ARN segments variable-free.
// A variable resolves to the key's single request value (key case-insensitive), else to its
// default; a key that is absent, multi-valued or has no single value, with no default, makes
// the whole element unresolvable: nullopt, and the caller treats the element as not matching.
// Malformed variable syntax ("${", "${}" , bad default quoting) is kept as literal text.
[[nodiscard]] std::optional<std::string> substitute_variables(std::string_view text, const Request& request,
                                                              VariableMode mode, std::size_t from = 0);

} // namespace policylint::eval
