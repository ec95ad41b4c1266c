#include <policylint/output/key_names.hpp>

#include <array>
#include <cctype>

namespace policylint::output {

namespace {
constexpr std::array<std::string_view, 30> k_global_keys{{
    "aws:SourceIp", "aws:VpcSourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:ViaAWSService", "aws:CalledVia",
    "aws:CalledViaFirst", "aws:CalledViaLast", "aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge",
    "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalType",
    "aws:PrincipalIsAWSService", "aws:SecureTransport", "aws:CurrentTime", "aws:EpochTime", "aws:RequestedRegion",
    "aws:userid", "aws:username", "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:TagKeys",
    "aws:TokenIssueTime", "aws:UserAgent", "aws:Referer", "sts:ExternalId",
}};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}
} // namespace

std::string display_key(std::string_view lower_key) {
  for (std::string_view known : k_global_keys) {
    if (iequals(known, lower_key)) {
      return std::string(known);
    }
  }
  return std::string(lower_key);
}

} // namespace policylint::output
