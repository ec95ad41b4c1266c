#include <policylint/probes/callers.hpp>

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/query/domain.hpp>

#include <algorithm>

namespace policylint::probes {

const std::vector<std::string>& caller_keys() {
  static const std::vector<std::string> keys{
      "aws:principalarn",   "aws:principalaccount",      "aws:principalorgid",       "aws:principalorgpaths",
      "aws:principaltype",  "aws:principalisawsservice", "aws:principalservicename", "aws:principalservicenameslist",
      "aws:userid",         "aws:username",              "aws:sourceaccount",        "aws:sourcearn",
      "aws:sourceowner",    "aws:sourceorgid",           "aws:sourceorgpaths",       "aws:sourcevpce",
      "aws:sourcevpc",      "aws:sourcevpcarn",          "aws:vpcsourceip",          "aws:sourceidentity",
      // KMS's own name for the caller's account (AWS's default key policy pattern).
      "kms:calleraccount"};
  return keys;
}

const std::vector<std::string>& service_path_keys() {
  static const std::vector<std::string> keys{"aws:sourceaccount", "aws:sourcearn",    "aws:sourceowner",
                                             "aws:sourceorgid",   "aws:sourceorgpaths", "aws:sourcevpce",
                                             "aws:sourcevpc",     "aws:sourcevpcarn", "aws:vpcsourceip"};
  return keys;
}

void fix_key(Caller& caller, const std::string& lower_key, std::optional<std::vector<std::string>> values) {
  for (auto& [k, v] : caller.keys) {
    if (k == lower_key) {
      v = std::move(values);
      return;
    }
  }
  caller.keys.emplace_back(lower_key, std::move(values));
}

void pin_service_account_keys(Caller& caller, const policy::Policy& policy) {
  const auto keys = mentioned_keys(policy);
  if (std::find(keys.begin(), keys.end(), "kms:calleraccount") == keys.end()) {
    return;
  }
  for (const auto& [key, values] : caller.keys) {
    if (key == "aws:principalaccount") {
      const auto account = values;
      fix_key(caller, "kms:calleraccount", account);
      return;
    }
  }
  fix_key(caller, "kms:calleraccount", std::nullopt); // no account: an anonymous or federated caller
}

void apply(query::SearchSpace& space, const Caller& caller) {
  space.base.principal = caller.principal;
  for (const auto& [key, values] : caller.keys) {
    if (values) {
      space.base.set_context(key, *values);
    } else {
      space.base.remove_context(key);
    }
    space.fixed_keys.insert(key);
  }
}

Caller anonymous(const policy::Policy& policy) {
  Caller c{"*", "an anonymous caller", {}, {}};
  for (const auto& key : caller_keys()) {
    fix_key(c, key, std::nullopt);
  }
  for (const auto& key : mentioned_keys(policy)) {
    if (anonymous_lacks(key)) {
      fix_key(c, key, std::nullopt);
    }
  }
  fix_key(c, "aws:principaltype", std::vector<std::string>{"Anonymous"});
  fix_key(c, "aws:userid", std::vector<std::string>{"anonymous"});
  c.shown_absent = {"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:SourceAccount",
                    "aws:SourceArn",    "aws:SourceVpce"};
  return c;
}

Caller user_in(const std::string& account, const std::string& arn, std::string description) {
  Caller c{arn, std::move(description), {}, {}};
  for (const auto& key : service_path_keys()) {
    fix_key(c, key, std::nullopt);
  }
  fix_key(c, "aws:principalarn", std::vector<std::string>{arn});
  fix_key(c, "aws:principalaccount", std::vector<std::string>{account});
  fix_key(c, "aws:principalisawsservice", std::vector<std::string>{"false"});
  return c;
}

namespace {

// A signed-in caller in the unrelated account: every identity key pinned or absent, and
// aws:FederatedProvider absent unless it is a web-identity session.
Caller pinned_outsider(std::string principal, std::string principal_arn, std::string type, std::string user_id,
                       std::string description, bool web_identity, const std::string& account = k_outside_account) {
  Caller c{std::move(principal), std::move(description), {}, {}};
  for (const auto& key : caller_keys()) {
    fix_key(c, key, std::nullopt);
  }
  if (!web_identity) {
    fix_key(c, "aws:federatedprovider", std::nullopt);
  }
  fix_key(c, "aws:principalarn", std::vector<std::string>{std::move(principal_arn)});
  fix_key(c, "aws:principalaccount", std::vector<std::string>{account});
  fix_key(c, "aws:principalorgid", std::vector<std::string>{k_outside_org});
  fix_key(c, "aws:principalorgpaths", std::vector<std::string>{std::string(k_outside_org) + "/r-out0/"});
  fix_key(c, "aws:principaltype", std::vector<std::string>{std::move(type)});
  fix_key(c, "aws:principalisawsservice", std::vector<std::string>{"false"});
  fix_key(c, "aws:userid", std::vector<std::string>{std::move(user_id)});
  c.shown_absent = {"aws:SourceAccount", "aws:SourceArn", "aws:SourceVpce"};
  return c;
}

// A 12-digit account a wildcard account pattern admits: the unrelated account when it does,
// else the pattern filled with nines; nullopt when no account fits.
std::optional<std::string> account_matching(std::string_view pattern) {
  if (catalog::wildcard_match(pattern, k_outside_account)) { // account ids: digits, case plays no part
    return std::string(k_outside_account);
  }
  std::size_t fixed = 0;
  for (char ch : pattern) {
    fixed += ch != '*' ? 1 : 0;
  }
  if (fixed > 12) {
    return std::nullopt;
  }
  std::string out;
  bool filled = false;
  for (char ch : pattern) {
    if (ch == '?') {
      out += '9';
    } else if (ch == '*') {
      if (!filled) {
        out.append(12 - fixed, '9');
        filled = true;
      }
    } else {
      out += ch;
    }
  }
  const bool digits = std::all_of(out.begin(), out.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (out.size() != 12 || !digits || !catalog::wildcard_match(pattern, out)) {
    return std::nullopt;
  }
  return out;
}

} // namespace

std::vector<Caller> outsiders_admitted_by_wildcards(const policy::Policy& policy) {
  std::vector<Caller> out;
  const auto add = [&](const std::string& arn, const std::string& account) {
    const bool dup = std::any_of(out.begin(), out.end(), [&](const Caller& c) { return c.principal == arn; });
    if (!dup) {
      out.push_back(pinned_outsider(arn, arn, arn.find(":role/") != std::string::npos ? "AssumedRole" : "User",
                                    "AIDAOUTSIDEROUTSIDER1", arn + " (account " + account + ", which anyone can own)",
                                    false, account));
    }
  };
  for (const auto& st : policy.statements) {
    for (const auto& cond : st.conditions) {
      const std::string key = query::to_lower(cond.key.value);
      if (key != "aws:principalarn" && key != "aws:principalaccount") {
        continue;
      }
      for (const auto& v : cond.values) {
        if (!eval::has_wildcard(v.text)) {
          continue;
        }
        if (key == "aws:principalaccount") {
          if (const auto account = account_matching(v.text); account && *account != k_outside_account) {
            add("arn:aws:iam::" + *account + ":user/outsider", *account);
          }
          continue;
        }
        // arn:partition:service:region:account:resource, the account a wildcard.
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (int i = 0; i < 5; ++i) {
          const auto colon = v.text.find(':', start);
          if (colon == std::string::npos) {
            break;
          }
          parts.push_back(v.text.substr(start, colon - start));
          start = colon + 1;
        }
        if (parts.size() != 5 || parts[0] != "arn" || !eval::has_wildcard(parts[4])) {
          continue;
        }
        const auto account = account_matching(parts[4]);
        if (!account) {
          continue;
        }
        std::string resource = v.text.substr(start);
        std::replace(resource.begin(), resource.end(), '*', 'x');
        std::replace(resource.begin(), resource.end(), '?', 'x');
        const std::string partition = eval::has_wildcard(parts[1]) ? "aws" : parts[1];
        const std::string service = eval::has_wildcard(parts[2]) ? "iam" : parts[2];
        add("arn:" + partition + ":" + service + "::" + *account + ":" + resource, *account);
      }
    }
  }
  return out;
}

Caller outside_user(const policy::Policy& /*policy*/) {
  const std::string arn = std::string("arn:aws:iam::") + k_outside_account + ":user/outsider";
  Caller c = pinned_outsider(arn, arn, "User", "AIDAOUTSIDEROUTSIDER0",
                             std::string("a user in the unrelated account ") + k_outside_account + " (organization " +
                                 k_outside_org + ")",
                             false);
  fix_key(c, "aws:username", std::vector<std::string>{"outsider"});
  return c;
}

Caller outside_web_session(const policy::Policy& /*policy*/) {
  return pinned_outsider(std::string("arn:aws:sts::") + k_outside_account + ":assumed-role/web-users/outsider",
                         std::string("arn:aws:iam::") + k_outside_account + ":role/web-users", "AssumedRole",
                         "AROAOUTSIDEROUTSIDER0:outsider",
                         std::string("a web-identity role session in the unrelated account ") + k_outside_account +
                             " (organization " + k_outside_org + ")",
                         true);
}

std::optional<AccountCaller> account_caller(const std::string& value) {
  // Someone in an account the policy does not name: what "*" lets in.
  if (value == "*") {
    return AccountCaller{std::string("arn:aws:iam::") + k_outside_account + ":user/outside-user", k_outside_account};
  }
  const bool account_id =
      value.size() == 12 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (account_id) {
    return AccountCaller{"arn:aws:iam::" + value + ":user/any-user-in-account", value};
  }
  if (!value.starts_with("arn:")) {
    return std::nullopt;
  }
  // arn:partition:service:region:account:resource
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const auto colon = value.find(':', start);
    if (colon == std::string::npos) {
      return std::nullopt;
    }
    parts.push_back(value.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string resource = value.substr(start);
  // An empty account (IAM rejects it, PL008) stands for an account the author has not filled in.
  const std::string account = parts[4].empty() ? std::string("111122223333") : parts[4];
  if (resource == "root") {
    return AccountCaller{"arn:" + parts[1] + ":iam::" + account + ":user/any-user-in-account", account};
  }
  return AccountCaller{value, account};
}

void set_account_caller(query::SearchSpace& space, const AccountCaller& caller) {
  space.base.principal = caller.arn;
  space.base.set_context("aws:principalarn", {caller.arn});
  space.base.set_context("aws:principalaccount", {caller.account});
  space.fixed_keys.insert("aws:principalarn");
  space.fixed_keys.insert("aws:principalaccount");
}

bool anonymous_lacks(std::string_view lower_key) {
  return lower_key.starts_with("aws:principal") || lower_key.starts_with("aws:multifactorauth") ||
         lower_key == "aws:federatedprovider" || lower_key == "aws:tokenissuetime" ||
         lower_key == "aws:rolesessionname" || lower_key == "aws:sourceidentity" || lower_key == "aws:username";
}

std::vector<std::string> mentioned_keys(const policy::Policy& policy) {
  std::vector<std::string> out;
  const auto add = [&](std::string key) {
    if (std::find(out.begin(), out.end(), key) == out.end()) {
      out.push_back(std::move(key));
    }
  };
  const auto add_variables = [&](std::string_view text) {
    for (auto& key : query::variable_keys(text)) {
      add(std::move(key));
    }
  };
  for (const auto& st : policy.statements) {
    for (const auto& cond : st.conditions) {
      add(query::to_lower(cond.key.value));
      for (const auto& v : cond.values) {
        add_variables(v.text);
      }
    }
    for (const auto& r : st.resource.values) {
      add_variables(r.value);
    }
  }
  return out;
}

} // namespace policylint::probes
