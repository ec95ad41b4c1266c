#pragma once
// Principal / NotPrincipal matching for trust and resource policies (iam-semantics §5).
#include <policylint/policy/model.hpp>

#include <string_view>

namespace policylint::eval {

// Does one principal value name the calling principal? The caller is given as an ARN
// ("arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/R/s"),
// "*" for an anonymous caller, or the bare identifier of a service ("ec2.amazonaws.com"),
// identity provider or canonical user.
// * AWS "*": everyone, anonymous included (≡ Principal "*").
// * AWS "111122223333" ≡ "arn:aws:iam::111122223333:root": every IAM/STS principal of that
//   account, not just the root user (the :root form also requires the same partition).
// * AWS user/role ARN: exact, case-sensitive. A role ARN also names every session of the role:
//   arn:P:sts::A:assumed-role/R/S matches arn:P:iam::A:role/R and arn:P:iam::A:role/path/R
//   (role names are unique per account, so the path cannot disagree).
// * Service, Federated, CanonicalUser, and any other AWS value (session ARNs, unique IDs):
//   exact text.
// An empty caller (unknown) matches nothing.
[[nodiscard]] bool principal_value_matches(const policy::PrincipalValue& value, std::string_view caller);

// Principal: some value matches. NotPrincipal: no value matches (a known caller is required),
// where a role ARN excepts the role but not its sessions: a request made with the role's
// credentials comes from arn:P:sts::A:assumed-role/R/S, which the NotPrincipal must list itself
// (IAM User Guide, "NotPrincipal", on NotPrincipal with Deny and assumed-role users).
[[nodiscard]] bool principal_list_matches(const policy::PrincipalList& list, std::string_view caller);

} // namespace policylint::eval
