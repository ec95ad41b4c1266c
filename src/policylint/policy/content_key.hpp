#pragma once
// A statement's content without its name and place: Effect, Action, Resource, Principal and
// Condition as the model holds them, Sid, position and source ranges left out. Two statements
// with the same key are the same rule to the evaluator, so a question about one (a query
// "decided by" it) has the other's answer: rules that ask one question per statement ask it
// once per key and stay linear in a policy that repeats a statement thousands of times.
#include <policylint/policy/model.hpp>

#include <string>

namespace policylint::policy {

[[nodiscard]] std::string statement_content_key(const Statement& st);

// The same for a whole document: its Version, kind, type and resource service, then each
// statement's key in order. Two documents with the same key decide every request alike, and
// their statements correspond by position.
[[nodiscard]] std::string content_key(const Policy& policy);

} // namespace policylint::policy
