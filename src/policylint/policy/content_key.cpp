#include <policylint/policy/content_key.hpp>

#include <string_view>

namespace policylint::policy {

namespace {

// Length-prefixed, so that no two different contents can write the same bytes.
void put(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
}

void put_list(std::string& out, char tag, const ValueList& list) {
  out += tag;
  out += list.present ? (list.negated ? 'N' : 'P') : '-';
  out += std::to_string(list.values.size());
  for (const auto& v : list.values) {
    put(out, v.value);
  }
}

} // namespace

std::string statement_content_key(const Statement& st) {
  std::string out;
  out += st.evaluable ? 'e' : 'x';
  out += !st.effect ? '?' : (*st.effect == Effect::allow ? 'A' : 'D');
  put_list(out, 'a', st.action);
  put_list(out, 'r', st.resource);
  out += 'p';
  out += st.principal.present ? (st.principal.negated ? 'N' : 'P') : '-';
  out += std::to_string(st.principal.values.size());
  for (const auto& p : st.principal.values) {
    put(out, p.type);
    put(out, p.value.value);
  }
  out += 'c';
  out += std::to_string(st.conditions.size());
  for (const auto& c : st.conditions) {
    put(out, c.operator_text.value);
    put(out, c.key.value);
    out += std::to_string(c.values.size());
    for (const auto& v : c.values) {
      out += static_cast<char>('0' + static_cast<int>(v.type));
      put(out, v.text);
    }
  }
  return out;
}

std::string content_key(const Policy& policy) {
  std::string out;
  out += policy.version ? 'v' : '-';
  if (policy.version) {
    put(out, policy.version->value);
  }
  out += static_cast<char>('0' + static_cast<int>(policy.kind));
  out += policy.type ? static_cast<char>('0' + static_cast<int>(*policy.type)) : '-';
  put(out, policy.resource_service);
  out += std::to_string(policy.statements.size());
  for (const auto& st : policy.statements) {
    const std::string key = statement_content_key(st);
    put(out, key);
  }
  return out;
}

} // namespace policylint::policy
