#pragma once
// Which roles' trust policies could name a caller at all, so that the graph searches only those
// (caller, role) pairs instead of every pair: in a real account most trusts name a service or
// one principal. Candidates are a superset; the evaluator decides each one.
#include <policylint/account/model.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace policylint::account {

class TrustIndex {
public:
  // Node index → the role's trust policy (nullptr for nodes that are not roles).
  explicit TrustIndex(const std::vector<const policy::Policy*>& trusts);

  // Node indexes (ascending, no repeats) of roles whose trust may admit the caller:
  // `account_id`, `kind` ("user"/"role") and `name` describe it.
  [[nodiscard]] std::vector<std::size_t> candidates(const std::string& account_id, std::string_view kind,
                                                    std::string_view name) const;

private:
  std::map<std::string, std::vector<std::size_t>, std::less<>> m_by_principal; // "ACCOUNT|user|NAME"
  std::map<std::string, std::vector<std::size_t>, std::less<>> m_by_account;   // account id or :root
  std::vector<std::size_t> m_any; // "*", NotPrincipal, and values the index cannot classify
};

} // namespace policylint::account
