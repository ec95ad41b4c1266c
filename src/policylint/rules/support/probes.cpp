#include <policylint/rules/support/probes.hpp>

#include <policylint/query/domain.hpp>

#include <algorithm>

namespace policylint::rules::support {

std::vector<std::string> probe_actions(const policy::Policy& policy) {
  std::vector<std::string> actions{"iam:CreateAccessKey", "iam:AttachUserPolicy", "s3:GetObject",
                                   "ec2:RunInstances",    "kms:Decrypt",          "lambda:UpdateFunctionCode",
                                   "sts:AssumeRole"};
  for (const auto& st : policy.statements) {
    for (const auto& a : st.action.values) {
      const bool literal = a.value.find_first_of("*?") == std::string::npos && a.value.find(':') != std::string::npos;
      if (literal && std::find(actions.begin(), actions.end(), a.value) == actions.end()) {
        actions.push_back(a.value);
      }
    }
  }
  return actions;
}

std::optional<Caller> caller_for(const std::string& value) {
  // Someone in an account the policy does not name: what "*" lets in.
  if (value == "*") {
    return Caller{"arn:aws:iam::444455556666:user/outside-user", "444455556666"};
  }
  const bool account_id =
      value.size() == 12 && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (account_id) {
    return Caller{"arn:aws:iam::" + value + ":user/any-user-in-account", value};
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
    return Caller{"arn:" + parts[1] + ":iam::" + account + ":user/any-user-in-account", account};
  }
  return Caller{value, account};
}

void set_caller(query::SearchSpace& space, const Caller& caller) {
  space.base.principal = caller.arn;
  space.base.set_context("aws:principalarn", {caller.arn});
  space.base.set_context("aws:principalaccount", {caller.account});
  space.fixed_keys.insert("aws:principalarn");
  space.fixed_keys.insert("aws:principalaccount");
}

bool decided_by(const eval::Evaluation& evaluation, const policy::Statement& statement) {
  return std::any_of(evaluation.deciding.begin(), evaluation.deciding.end(),
                     [&](const eval::StatementRef& ref) { return ref.statement == &statement; });
}

engine::Counterexample counterexample(const query::Found& found, std::vector<std::string> absent_keys, std::string note) {
  engine::Counterexample c;
  c.request = found.request;
  c.decision = found.evaluation.decision;
  c.absent_keys = std::move(absent_keys);
  c.note = std::move(note);
  return c;
}

const policy::Text* star_action(const policy::Statement& st) {
  if (!st.evaluable || st.effect != policy::Effect::allow || st.action.negated) {
    return nullptr;
  }
  for (const auto& a : st.action.values) {
    if (a.value == "*" || a.value == "*:*") {
      return &a;
    }
  }
  return nullptr;
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

} // namespace policylint::rules::support
