#include <policylint/eval/ascii.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/rules/support/source_ip_values.hpp>

namespace policylint::rules::support {

SourceIpValues source_ip_values(const policy::Condition& c) {
  SourceIpValues out;
  if (!c.op || policy::family_of(c.op->op) != policy::OpFamily::ip_address ||
      !eval::ascii_iequals(c.key.value, "aws:SourceIp")) {
    return out;
  }
  for (const auto& v : c.values) {
    const auto range = v.text.find("${") == std::string::npos ? eval::try_parse_cidr(v.text) : std::nullopt;
    if (!range) {
      out.unknown = true; // PL603 reports a value that is not an address
    } else if (eval::is_private(*range)) {
      out.private_ranges.push_back(&v);
    } else {
      out.public_ranges.push_back(&v);
    }
  }
  return out;
}

} // namespace policylint::rules::support
