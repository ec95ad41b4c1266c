#include <policylint/eval/required_resource_policy.hpp>

#include <policylint/eval/principal_match.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace policylint::eval {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return out;
}

// KMS actions that act on the account, not on a key: an identity policy allows them alone.
constexpr std::array<std::string_view, 12> k_kms_account_actions{
    "kms:createkey",           "kms:createcustomkeystore", "kms:deletecustomkeystore", "kms:describecustomkeystores",
    "kms:connectcustomkeystore", "kms:disconnectcustomkeystore", "kms:updatecustomkeystore", "kms:generaterandom",
    "kms:listaliases",         "kms:listkeys",             "kms:listretirablegrants",  "kms:retiregrant"};

bool account_form(std::string_view value) {
  const bool digits = value.size() == 12 && value.find_first_not_of("0123456789") == std::string_view::npos;
  return digits || value.ends_with(":root");
}

// Some deciding Allow names the caller itself rather than its account.
bool allows_directly(const Evaluation& e, const std::string& caller) {
  return std::any_of(e.deciding.begin(), e.deciding.end(), [&](const StatementRef& ref) {
    const auto& values = ref.statement->principal.values;
    return ref.statement->principal.negated ||
           std::any_of(values.begin(), values.end(), [&](const policy::PrincipalValue& v) {
             return principal_value_matches(v, caller) && !(v.type == "AWS" && account_form(v.value.value));
           });
  });
}

} // namespace

std::optional<std::string_view> resource_policy_must_grant(std::string_view action) {
  const std::string a = lower(action);
  if (a.starts_with("kms:") &&
      std::find(k_kms_account_actions.begin(), k_kms_account_actions.end(), a) == k_kms_account_actions.end()) {
    return "the key policy";
  }
  if (a == "sts:assumerole" || a == "sts:assumerolewithsaml" || a == "sts:assumerolewithwebidentity") {
    return "the role's trust policy";
  }
  return std::nullopt;
}

std::optional<std::string> resource_policy_assumption(std::string_view action) {
  const auto must = resource_policy_must_grant(action);
  if (!must) {
    return std::nullopt;
  }
  if (*must == "the key policy") {
    return "the key policy must also allow " + std::string(action) +
           "; assumed: the default key policy, which delegates to IAM policies";
  }
  return std::string(*must) + " must also allow " + std::string(action) + "; assumed to";
}

Evaluation evaluate_with_required_resource_policy(std::span<const policy::Policy* const> identity,
                                                  const policy::Policy& resource, const Request& request) {
  std::vector<const policy::Policy*> all(identity.begin(), identity.end());
  all.push_back(&resource);
  Evaluation combined = evaluate(all, request);
  if (combined.decision == Decision::explicit_deny) {
    return combined;
  }
  const Evaluation granted = evaluate(resource, request);
  if (granted.decision != Decision::allowed) {
    return Evaluation{};
  }
  if (allows_directly(granted, request.principal) || evaluate(identity, request).decision == Decision::allowed) {
    return combined;
  }
  return Evaluation{}; // the account is trusted, but no identity policy of the caller allows it
}

} // namespace policylint::eval
