#pragma once
// The values of an aws:SourceIp condition sorted into private and public ranges, for PL104 and
// PL105. aws:SourceIp only ever holds a public address (iam-semantics §8.1): a request through
// a VPC endpoint carries aws:VpcSourceIp instead, so a private range in it never matches.
#include <policylint/policy/model.hpp>

#include <vector>

namespace policylint::rules::support {

struct SourceIpValues {
  std::vector<const policy::ConditionValue*> private_ranges;
  std::vector<const policy::ConditionValue*> public_ranges;
  bool unknown = false; // a variable or a value that is not an address: the set is not known
};

// Empty (nothing classified) unless `c` is an IpAddress or NotIpAddress test of aws:SourceIp.
[[nodiscard]] SourceIpValues source_ip_values(const policy::Condition& c);

} // namespace policylint::rules::support
