// PL023 fix: write the range AWS actually uses ("203.0.113.7/24" → "203.0.113.0/24"). The
// policy means the same afterwards; only the misleading text changes.
#include <policylint/eval/cidr.hpp>
#include <policylint/fix/json_edit.hpp>
#include <policylint/generated/fix_declarations.hpp>

namespace policylint::fix {

std::vector<engine::Fix> fix_cidr_host_bits_set(const FixInput& input, const engine::Diagnostic& finding) {
  const auto inside = plain_string_inside(input.text, finding.range);
  if (!inside) {
    return {};
  }
  const std::string_view written = input.text.substr(inside->begin, inside->end - inside->begin);
  const auto range = eval::try_parse_cidr(written);
  if (!range || !range->host_bits_set) {
    return {};
  }
  engine::Fix fix;
  const std::string network = eval::format_cidr(*range);
  fix.description = "Clear the host bits: write " + network;
  fix.edits.push_back(engine::TextEdit{*inside, network, {}});
  return {std::move(fix)};
}

} // namespace policylint::fix
