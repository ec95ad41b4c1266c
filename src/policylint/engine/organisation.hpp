#pragma once
// What the organisation's configuration says about itself (`organisation:` in
// .policylint.yaml): where its requests come from and which AWS accounts are its own.
// Rules that need it (PL103, PL321) stay silent when the list they use is empty.
#include <policylint/eval/cidr.hpp>
#include <policylint/policy/model.hpp>

#include <string>
#include <vector>

namespace policylint::engine {

struct Organisation {
  std::vector<eval::Cidr> ip_allowlist;       // parsed ranges, in file order
  std::vector<std::string> ip_allowlist_text; // the same ranges as written, for messages
  std::vector<std::string> trusted_accounts;  // 12-digit account ids
  // The SCPs and RCPs given with --scp / --rcp (owned by lint::Run): every document's requests
  // are evaluated under them (docs/evaluator.md, "Organisation policies").
  std::vector<const policy::Policy*> guardrails;

  [[nodiscard]] bool empty() const { return ip_allowlist.empty() && trusted_accounts.empty() && guardrails.empty(); }
};

} // namespace policylint::engine
