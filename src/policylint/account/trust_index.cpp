#include <policylint/account/trust_index.hpp>

#include <policylint/eval/arn.hpp>

#include <algorithm>

namespace policylint::account {

namespace {

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string principal_key(std::string_view account, std::string_view kind, std::string_view name) {
  std::string key(account);
  key += '|';
  key += kind;
  key += '|';
  key += name;
  return key;
}

} // namespace

TrustIndex::TrustIndex(const std::vector<const policy::Policy*>& trusts) {
  for (std::size_t node = 0; node < trusts.size(); ++node) {
    if (trusts[node] == nullptr) {
      continue;
    }
    bool any = false;
    std::vector<std::string> principals;
    std::vector<std::string> accounts;
    for (const auto& st : trusts[node]->statements) {
      if (!st.evaluable || st.effect != policy::Effect::allow) {
        continue;
      }
      if (st.principal.negated) {
        any = true;
        continue;
      }
      for (const auto& v : st.principal.values) {
        if (v.type != "AWS") {
          continue; // services and identity providers are not callers in the graph
        }
        const std::string& text = v.value.value;
        if (is_account_id(text)) {
          accounts.push_back(text);
          continue;
        }
        const auto arn = eval::parse_arn(text);
        const bool wildcard = text.find_first_of("*?") != std::string::npos;
        if (!arn || wildcard) {
          any = true; // "*", and anything else the index does not understand
          continue;
        }
        if (arn->resource == "root") {
          accounts.emplace_back(arn->account);
          continue;
        }
        const std::string_view resource = arn->resource;
        const auto kind_end = resource.find('/');
        const std::string_view kind = resource.substr(0, kind_end);
        if (kind_end == std::string_view::npos || (kind != "user" && kind != "role")) {
          any = true;
          continue;
        }
        // A role or user ARN names the principal whatever its path: key by the last component.
        principals.push_back(principal_key(arn->account, kind, resource.substr(resource.rfind('/') + 1)));
      }
    }
    if (any) {
      m_any.push_back(node);
    }
    for (const auto& key : principals) {
      m_by_principal[key].push_back(node);
    }
    for (const auto& account : accounts) {
      m_by_account[account].push_back(node);
    }
  }
}

std::vector<std::size_t> TrustIndex::candidates(const std::string& account_id, std::string_view kind,
                                                std::string_view name) const {
  std::vector<std::size_t> out = m_any;
  if (const auto at = m_by_principal.find(principal_key(account_id, kind, name)); at != m_by_principal.end()) {
    out.insert(out.end(), at->second.begin(), at->second.end());
  }
  if (const auto at = m_by_account.find(account_id); at != m_by_account.end()) {
    out.insert(out.end(), at->second.begin(), at->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace policylint::account
