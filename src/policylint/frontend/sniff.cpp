#include <policylint/frontend/sniff.hpp>

#include <policylint/frontend/terraform_hcl.hpp>

#include <array>

namespace policylint::frontend {

namespace {

// Keys near the top of each large format (the AWS CLI and Terraform print these first); none
// of them is a key of a policy document.
constexpr std::array<std::string_view, 12> k_markers = {
    "\"UserDetailList\"",  "\"GroupDetailList\"",  "\"RoleDetailList\"",   "\"Policies\"",
    "\"format_version\"",  "\"terraform_version\"", "\"planned_values\"",   "\"resource_changes\"",
    "\"AWSTemplateFormatVersion\"", "\"Resources\"", "\"PolicyVersionList\"", "\"prior_state\"",
};

bool ends_with_any(std::string_view path, std::initializer_list<std::string_view> endings) {
  for (const auto e : endings) {
    if (path.size() >= e.size()) {
      std::string_view tail = path.substr(path.size() - e.size());
      bool same = true;
      for (std::size_t i = 0; i < e.size() && same; ++i) {
        const char c = tail[i];
        same = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == e[i];
      }
      if (same) {
        return true;
      }
    }
  }
  return false;
}

} // namespace

bool may_hold_documents(std::string_view path, std::string_view head) {
  if (is_terraform_path(path) || ends_with_any(path, {".yaml", ".yml", ".template"})) {
    return true;
  }
  head = head.substr(0, k_sniff_bytes);
  for (const auto marker : k_markers) {
    if (head.find(marker) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

} // namespace policylint::frontend
