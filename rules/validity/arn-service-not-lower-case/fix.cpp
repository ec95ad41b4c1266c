// PL038 fix: lower-case the ARN's service segment ("arn:aws:S3:::b" -> "arn:aws:s3:::b"), the
// only spelling AWS uses. Only the segment is edited, and only in a string without escapes.
#include <policylint/eval/arn.hpp>
#include <policylint/fix/json_edit.hpp>
#include <policylint/generated/fix_declarations.hpp>

#include <algorithm>
#include <string>

namespace policylint::fix {

std::vector<engine::Fix> fix_arn_service_not_lower_case(const FixInput& input, const engine::Diagnostic& finding) {
  const auto inside = plain_string_inside(input.text, finding.range);
  if (!inside) {
    return {};
  }
  const std::string_view written = input.text.substr(inside->begin, inside->end - inside->begin);
  const auto arn = eval::parse_arn(written);
  if (!arn || arn->service.empty()) {
    return {};
  }
  std::string lowered(arn->service);
  std::ranges::transform(lowered, lowered.begin(),
                         [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  // parse_arn returns views into `written`: the segment's offset is where its view starts.
  const auto begin = inside->begin + static_cast<std::uint32_t>(arn->service.data() - written.data());
  engine::Fix fix;
  fix.description = "Lower-case the ARN's service: write " + lowered;
  fix.edits.push_back(
      engine::TextEdit{SourceRange{begin, begin + static_cast<std::uint32_t>(lowered.size())}, lowered, {}});
  return {std::move(fix)};
}

} // namespace policylint::fix
