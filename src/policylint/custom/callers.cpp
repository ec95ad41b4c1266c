#include <policylint/custom/callers.hpp>

#include <policylint/query/request_search.hpp>

#include <algorithm>

namespace policylint::custom {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string unrelated_account(const std::vector<std::string>& trusted) {
  for (const char* account : {"444455556666", "777788889999", "210987654321"}) {
    if (!contains(trusted, account)) {
      return account;
    }
  }
  return "135792468024";
}

// The organisations to try for a caller outside `trusted`: none, an unrelated one, and every
// one the policy names that is not trusted.
std::vector<std::optional<std::string>> organisations(const policy::Policy& policy, const std::vector<std::string>& trusted) {
  std::vector<std::optional<std::string>> out{std::nullopt, std::string("o-outsider00")};
  for (const auto& st : policy.statements) {
    for (const auto& c : st.conditions) {
      if (query::to_lower(c.key.value) != "aws:principalorgid") {
        continue;
      }
      for (const auto& v : c.values) {
        std::string org = v.text;
        std::replace(org.begin(), org.end(), '*', 'x');
        std::replace(org.begin(), org.end(), '?', 'x');
        if (!contains(trusted, org) && std::find(out.begin(), out.end(), std::optional<std::string>(org)) == out.end()) {
          out.emplace_back(org);
        }
      }
    }
  }
  return out;
}

} // namespace

std::vector<Caller> callers_for(const PrincipalClass& principal, const policy::Policy& policy) {
  using Type = PrincipalClass::Type;
  if (policy.kind == policy::PolicyKind::identity) {
    if (principal.type != Type::any) {
      return {};
    }
    return {Caller{"", "the principal holding the policy", {}, {}}};
  }
  std::vector<Caller> out;
  out.push_back(probes::anonymous(policy));
  if (principal.type == Type::anonymous) {
    return out;
  }
  const bool outside = principal.type == Type::outside;
  const std::string account = unrelated_account(principal.trusted_accounts);
  const std::string arn = "arn:aws:iam::" + account + ":user/outsider";
  std::vector<Caller> named;
  named.push_back(probes::user_in(account, arn, "a user in the unrelated account " + account));
  for (const auto& st : policy.statements) {
    for (const auto& p : st.principal.values) {
      const std::string& value = p.value.value;
      if (p.type == "AWS" && value != "*") {
        const auto caller = probes::account_caller(value);
        if (caller && (!outside || !contains(principal.trusted_accounts, caller->account))) {
          named.push_back(probes::user_in(caller->account, caller->arn, caller->arn + " (account " + caller->account + ")"));
        }
      } else if (p.type == "Federated") {
        const auto caller = probes::account_caller(value); // an identity provider ARN names its account
        if (!outside || !caller || !contains(principal.trusted_accounts, caller->account)) {
          out.push_back(Caller{value, "an identity federated through " + value, {}, {}});
        }
      } else if (p.type == "Service" && !outside) {
        out.push_back(Caller{value, "the service " + value, {}, {}});
      }
    }
  }
  // Accounts and principal ARNs the conditions name (Principal "*" narrowed by
  // aws:PrincipalAccount or aws:PrincipalArn): callers from those, too.
  for (const auto& st : policy.statements) {
    for (const auto& c : st.conditions) {
      const std::string key = query::to_lower(c.key.value);
      if (key != "aws:principalaccount" && key != "aws:principalarn") {
        continue;
      }
      for (const auto& v : c.values) {
        std::string text = v.text;
        std::replace(text.begin(), text.end(), '*', 'x');
        std::replace(text.begin(), text.end(), '?', 'x');
        const auto caller = probes::account_caller(text);
        if (caller && (!outside || !contains(principal.trusted_accounts, caller->account))) {
          named.push_back(probes::user_in(caller->account, caller->arn, caller->arn + " (account " + caller->account + ")"));
        }
      }
    }
  }
  // Outside trusted organisations too: each caller once per organisation it may belong to.
  for (Caller& c : named) {
    if (!outside || principal.trusted_organizations.empty()) {
      out.push_back(std::move(c));
      continue;
    }
    for (const auto& org : organisations(policy, principal.trusted_organizations)) {
      Caller variant = c;
      probes::fix_key(variant, "aws:principalorgid", org ? std::optional<std::vector<std::string>>(std::vector<std::string>{*org})
                                             : std::nullopt);
      variant.description += org ? ", organization " + *org : ", in no organization";
      if (!org) {
        probes::fix_key(variant, "aws:principalorgpaths", std::nullopt);
      }
      out.push_back(std::move(variant));
    }
  }
  for (Caller& c : out) {
    probes::pin_service_account_keys(c, policy);
  }
  // One request per distinct principal is enough.
  std::vector<Caller> unique;
  for (Caller& c : out) {
    const bool dup = std::any_of(unique.begin(), unique.end(), [&](const Caller& u) {
      return u.principal == c.principal && u.keys == c.keys;
    });
    if (!dup) {
      unique.push_back(std::move(c));
    }
  }
  return unique;
}

} // namespace policylint::custom
