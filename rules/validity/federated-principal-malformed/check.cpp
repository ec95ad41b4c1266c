// PL033: a Federated principal of a role trust policy that is neither a SAML or OIDC provider
// ARN nor an identity provider's domain (Access Analyzer's
// INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY).
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace policylint::rules::validity {

namespace {

bool host_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || c == '-' || c == '.';
}

// "accounts.google.com", "oidc.eks.eu-west-1.amazonaws.com": dot-separated labels, none empty.
bool host_name(std::string_view s) {
  return !s.empty() && s.find('.') != std::string_view::npos && s.front() != '.' && s.back() != '.' &&
         s.find("..") == std::string_view::npos && std::ranges::all_of(s, host_char);
}

// IAM names: letters, digits and +=,.@_-
bool provider_name(std::string_view s) {
  return !s.empty() && std::ranges::all_of(s, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("+=,.@_-").find(c) != std::string_view::npos;
  });
}

// A documentation placeholder where the account goes ("account-id", "<AWS_ACCOUNT_ID>"): a
// template to fill in, not a value anyone deploys, so it is not judged.
bool placeholder(std::string_view account) {
  return !account.empty() && std::ranges::none_of(account, [](char c) { return c >= '0' && c <= '9'; }) &&
         std::ranges::all_of(account, [](char c) {
           return std::isalpha(static_cast<unsigned char>(c)) != 0 || std::string_view("-_<>{}").find(c) != std::string_view::npos;
         });
}

enum class Verdict { valid, invalid, not_judged };

// "arn:aws:iam::111122223333:saml-provider/NAME" or "...:oidc-provider/HOST[/PATH]".
Verdict provider_arn(std::string_view s) {
  constexpr std::string_view k_arn = "arn:";
  if (!s.starts_with(k_arn)) {
    return Verdict::invalid;
  }
  s.remove_prefix(k_arn.size());
  const auto partition_end = s.find(':');
  if (partition_end == std::string_view::npos || !s.substr(0, partition_end).starts_with("aws")) {
    return Verdict::invalid;
  }
  s.remove_prefix(partition_end + 1);
  if (!s.starts_with("iam::")) {
    return Verdict::invalid;
  }
  s.remove_prefix(5);
  const auto account_end = s.find(':');
  const std::string_view account = s.substr(0, account_end);
  if (placeholder(account)) {
    return Verdict::not_judged;
  }
  if (account_end == std::string_view::npos || account.size() != 12 ||
      !std::ranges::all_of(account, [](char c) { return c >= '0' && c <= '9'; })) {
    return Verdict::invalid;
  }
  s.remove_prefix(account_end + 1);
  if (s.starts_with("saml-provider/")) {
    return provider_name(s.substr(14)) ? Verdict::valid : Verdict::invalid;
  }
  if (s.starts_with("oidc-provider/")) {
    s.remove_prefix(14);
    const auto slash = s.find('/');
    const bool path_ok = slash == std::string_view::npos || slash + 1 < s.size();
    return host_name(s.substr(0, slash)) && path_ok ? Verdict::valid : Verdict::invalid;
  }
  return Verdict::invalid;
}

} // namespace

void check_federated_principal_malformed(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.kind != policy::PolicyKind::trust) {
    return; // elsewhere a Federated principal is PL032's
  }
  for (const auto& st : unit.policy.statements) {
    for (const auto& p : st.principal.values) {
      const std::string& v = p.value.value;
      // A wildcard is what an unresolved intrinsic (Fn::Sub of the account) became: not judged.
      if (p.type != "Federated" || v.find_first_of("*?$") != std::string::npos ||
          (v.starts_with("arn:") ? provider_arn(v) != Verdict::invalid : host_name(v))) {
        continue;
      }
      auto& d = ctx.report(p.value.range,
                           "Federated principal \"{}\" is neither a provider ARN "
                           "(arn:aws:iam::111122223333:saml-provider/NAME or "
                           "arn:aws:iam::111122223333:oidc-provider/HOST) nor an identity provider's domain "
                           "(accounts.google.com, cognito-identity.amazonaws.com), so IAM rejects the trust policy",
                           v);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::validity
