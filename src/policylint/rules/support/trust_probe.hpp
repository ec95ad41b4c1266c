#pragma once
// PL201 and PL301 ask the same shape of question of a trust policy: for each Allow
// statement and each IAM principal it names, can that caller assume the role under
// fixed circumstances (no MFA; an arbitrary address)?
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/rules/support/probes.hpp>

#include <functional>
#include <string_view>

namespace policylint::rules::support {

struct TrustProbe {
  // Fixes the circumstances on top of the caller; returns the note for the counterexample.
  std::function<void(query::SearchSpace&)> fix;
  std::vector<std::string> absent_keys;
  std::string note;
};

struct TrustHit {
  const policy::Statement* statement = nullptr;
  const policy::PrincipalValue* principal = nullptr;
  query::Found found;
  const TrustProbe* probe = nullptr;
};

// An IAM user's long-term credentials can act as this `AWS` principal value: a user, an
// account (root or id) or "*"; not a role or an assumed-role session.
[[nodiscard]] bool reachable_with_user_credentials(std::string_view principal_value);

// The first hit per statement, trying the probes in order.
[[nodiscard]] std::vector<TrustHit> probe_trust(const policy::Policy& policy, const std::vector<TrustProbe>& probes);

} // namespace policylint::rules::support
