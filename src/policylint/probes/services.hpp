#pragma once
// AWS services that act on a resource for whoever configured them, in any account: a bucket,
// topic, queue or key that lets such a service principal in without a condition on the
// source (aws:SourceArn, aws:SourceAccount, aws:SourceOrgID) lets another account's trail,
// rule or log delivery use it (the cross-service confused deputy). Sources in services.cpp.
#include <policylint/probes/callers.hpp>
#include <policylint/query/engine.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace policylint::probes {

// True when `service_principal` ("cloudtrail.amazonaws.com", "logs.eu-west-1.amazonaws.com")
// is one of the services AWS documents as acting for resources of any account.
[[nodiscard]] bool acts_across_accounts(std::string_view service_principal);

// The service acting for a resource of the unrelated account: the source keys are that
// account's (aws:SourceAccount, aws:SourceOrgID, aws:SourceOwner), and aws:SourceArn names a
// resource in it (a constraint; the resource's name is free). No caller identity keys.
struct DeputyRequest {
  Caller caller;
  std::vector<query::KeyConstraint> constraints;
};
// For CloudTrail and CloudWatch Logs, the KMS encryption context key naming the source (when
// `policy` uses it) is that account's too.
[[nodiscard]] DeputyRequest service_for_outsider(const std::string& service_principal, const policy::Policy& policy);

} // namespace policylint::probes
