#include <policylint/rules/support/condition_key_forms.hpp>

#include <algorithm>
#include <cctype>

namespace policylint::rules::support {

namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

bool is_deprecated_aws_arn_key(std::string_view key) noexcept {
  return iequals(key, "aws:ARN");
}

std::string_view tag_key_without_tag_name(std::string_view key) noexcept {
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return {};
  }
  const std::string_view prefix = key.substr(0, colon);
  std::string_view name = key.substr(colon + 1);
  if (name.ends_with('/')) {
    name.remove_suffix(1); // "aws:ResourceTag/": a '/' and no tag name is no better
  }
  const bool any_service = iequals(name, "ResourceTag") || iequals(name, "RequestTag");
  const bool aws_only = iequals(prefix, "aws") && iequals(name, "PrincipalTag");
  const bool s3_only = iequals(prefix, "s3") && (iequals(name, "ExistingObjectTag") || iequals(name, "RequestObjectTag"));
  return any_service || aws_only || s3_only ? key.substr(0, colon + 1 + name.size()) : std::string_view{};
}

bool has_dedicated_key_rule(std::string_view key) noexcept {
  return is_deprecated_aws_arn_key(key) || !tag_key_without_tag_name(key).empty();
}

} // namespace policylint::rules::support
