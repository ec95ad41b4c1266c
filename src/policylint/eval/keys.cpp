#include <policylint/eval/keys.hpp>

#include <policylint/eval/ascii.hpp>

#include <array>

namespace policylint::eval {

namespace {

// Global keys of type ArrayOf… (AWS global condition context keys page) plus the common
// service keys of that type. Extend here; the catalog, once available, knows the rest.
constexpr std::array<std::string_view, 11> k_multivalued_keys{{
    "aws:TagKeys",
    "aws:CalledVia",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceNamesList",
    "aws:ResourceOrgPaths",
    "aws:SourceOrgPaths",
    "aws:VpceOrgPaths",
    "sts:TransitiveTagKeys",
    "kms:GrantOperations",
    "kms:EncryptionContextKeys",
    "dynamodb:Attributes",
}};

} // namespace

bool is_multivalued_key(std::string_view key) {
  for (const auto& known : k_multivalued_keys) {
    if (ascii_iequals(known, key)) {
      return true;
    }
  }
  return false;
}

} // namespace policylint::eval
