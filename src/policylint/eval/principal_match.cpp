#include <policylint/eval/principal_match.hpp>

#include <policylint/eval/arn.hpp>

#include <algorithm>

namespace policylint::eval {

namespace {

bool is_account_id(std::string_view text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The account of an IAM or STS principal ARN, with its partition; nullopt otherwise.
std::optional<ArnParts> principal_arn(std::string_view caller) {
  auto parts = parse_arn(caller);
  if (!parts || (parts->service != "iam" && parts->service != "sts") || !is_account_id(parts->account)) {
    return std::nullopt;
  }
  return parts;
}

// Role session "assumed-role/ROLE/SESSION" names the role ROLE.
bool session_of_role(const ArnParts& caller, const ArnParts& role) {
  constexpr std::string_view k_session = "assumed-role/";
  constexpr std::string_view k_role = "role/";
  if (caller.service != "sts" || role.service != "iam" || caller.partition != role.partition ||
      caller.account != role.account || !caller.resource.starts_with(k_session) ||
      !role.resource.starts_with(k_role)) {
    return false;
  }
  const auto rest = caller.resource.substr(k_session.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) {
    return false;
  }
  const auto role_name = rest.substr(0, slash);
  const auto role_path_and_name = role.resource.substr(k_role.size());
  const auto last_slash = role_path_and_name.rfind('/');
  const auto name =
      last_slash == std::string_view::npos ? role_path_and_name : role_path_and_name.substr(last_slash + 1);
  return name == role_name;
}

bool aws_value_matches(std::string_view value, std::string_view caller, bool sessions_of_role) {
  if (value == "*") {
    return true;
  }
  if (value == caller) {
    return true;
  }
  const auto caller_arn = principal_arn(caller);
  if (!caller_arn) {
    return false;
  }
  if (is_account_id(value)) {
    return caller_arn->account == value;
  }
  const auto value_arn = parse_arn(value);
  if (!value_arn || value_arn->service != "iam") {
    return false;
  }
  if (value_arn->resource == "root") {
    // "arn:aws:iam:::root" (a template's empty account variable) is rejected by IAM and reported
    // as PL008; the security rules read it as the account the author has yet to fill in, any
    // account, rather than as no caller at all, which would hide what the statement grants.
    const bool unfilled = value_arn->account.empty();
    return value_arn->partition == caller_arn->partition && (unfilled || value_arn->account == caller_arn->account);
  }
  return sessions_of_role && session_of_role(*caller_arn, *value_arn);
}

bool value_matches(const policy::PrincipalValue& value, std::string_view caller, bool sessions_of_role) {
  if (caller.empty()) {
    return false;
  }
  if (value.type == "AWS") {
    return aws_value_matches(value.value.value, caller, sessions_of_role);
  }
  return value.value.value == caller;
}

} // namespace

bool principal_value_matches(const policy::PrincipalValue& value, std::string_view caller) {
  return value_matches(value, caller, true);
}

bool principal_list_matches(const policy::PrincipalList& list, std::string_view caller) {
  if (caller.empty()) {
    return false;
  }
  // A NotPrincipal role ARN excepts the role itself, not the sessions that act as it.
  const bool sessions_of_role = !list.negated;
  const bool any = std::any_of(list.values.begin(), list.values.end(), [&](const policy::PrincipalValue& v) {
    return value_matches(v, caller, sessions_of_role);
  });
  return list.negated ? !any : any;
}

} // namespace policylint::eval
