// PL040: a statement identical to an earlier one of the same policy apart from its Sid (Access
// Analyzer's REDUNDANT_STATEMENT suggestion). Each statement is reduced to a canonical text, in
// which every list is a sorted set, and looked up in a hash map: linear in the policy's size,
// since a policy can hold thousands of statements.
// Not reported: statements the parser found invalid (AWS rejects the policy anyway).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::validity {

namespace {

// Length-prefixed, so that no value can imitate a separator.
void field(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

// A list as a set: sorted, duplicates removed, framed by its size.
void set_of(std::string& out, std::vector<std::string> items) {
  std::ranges::sort(items);
  items.erase(std::unique(items.begin(), items.end()), items.end());
  out += '[' + std::to_string(items.size()) + ']';
  for (const auto& item : items) {
    field(out, item);
  }
}

// Action names are case-insensitive; resource ARNs are not.
void value_list(std::string& out, const policy::ValueList& list, bool fold_case) {
  out += list.present ? (list.negated ? "N" : "P") : "-";
  std::vector<std::string> items;
  for (const auto& v : list.values) {
    items.push_back(fold_case ? query::to_lower(v.value) : v.value);
  }
  set_of(out, std::move(items));
}

void principals(std::string& out, const policy::PrincipalList& list) {
  out += list.present ? (list.negated ? "N" : "P") : "-";
  std::vector<std::string> items;
  for (const auto& p : list.values) {
    std::string item;
    field(item, p.type);
    field(item, p.value.value);
    items.push_back(std::move(item));
  }
  set_of(out, std::move(items));
}

// Conditions are ANDed and their values ORed: both are sets. Keys are case-insensitive; the
// operator is taken from its parsed form, and values are compared as written.
void conditions(std::string& out, const std::vector<policy::Condition>& cs) {
  std::vector<std::string> items;
  for (const auto& c : cs) {
    std::string item;
    field(item, c.op ? policy::operator_name(*c.op) : c.operator_text.value);
    field(item, query::to_lower(c.key.value));
    std::vector<std::string> values;
    for (const auto& v : c.values) {
      values.push_back(v.text);
    }
    set_of(item, std::move(values));
    items.push_back(std::move(item));
  }
  set_of(out, std::move(items));
}

// Two statements with the same Sid (PL004's finding) are told apart by place.
std::string name(const policy::Statement& st, const policy::Statement& other) {
  return st.label() == other.label() ? "#" + std::to_string(st.index + 1) : st.label();
}

std::string canonical(const policy::Statement& st) {
  std::string out = st.effect == policy::Effect::allow ? "A" : "D";
  value_list(out, st.action, true);
  value_list(out, st.resource, false);
  principals(out, st.principal);
  conditions(out, st.conditions);
  return out;
}

} // namespace

void check_redundant_statement(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  std::unordered_map<std::string, const policy::Statement*> seen;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.effect) {
      continue;
    }
    const auto [it, inserted] = seen.try_emplace(canonical(st), &st);
    if (inserted) {
      continue;
    }
    // On the later statement: removing it changes nothing.
    ctx.report(st.range,
               "statement {} is identical to statement {} apart from its Sid, so it {} nothing more; remove it",
               name(st, *it->second), name(*it->second, st), *st.effect == policy::Effect::allow ? "allows" : "denies")
        .statement = st.label();
  }
}

} // namespace policylint::rules::validity
