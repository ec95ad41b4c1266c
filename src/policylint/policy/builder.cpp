// JSON tree → policy model. Every deviation from the IAM grammar becomes a StructuralIssue
// with the range of the offending token; building always continues so that one mistake
// never hides the rest of the document.
#include <policylint/policy/builder.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace policylint::policy {

namespace {

using json::Kind;
using json::Member;
using json::Value;

constexpr std::string_view k_malformed = "malformed-policy";
constexpr std::string_view k_duplicate_key = "duplicate-json-key";
constexpr std::string_view k_version = "version-missing-or-legacy";
constexpr std::string_view k_sid = "sid-invalid-or-duplicate";
constexpr std::string_view k_operator = "unknown-condition-operator";
constexpr std::string_view k_arn = "invalid-arn";
constexpr std::string_view k_principal = "principal-misplaced-or-invalid";
constexpr std::string_view k_empty = "empty-element";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

class Builder {
public:
  explicit Builder(const BuildOptions& options) : m_options(options) {}

  BuildResult build(const Value& root) {
    report_duplicate_keys(root);
    if (!root.is_object()) {
      issue(k_malformed, root.range,
            fmt::format("a policy document must be a JSON object, not {}", json::kind_name(root.kind)));
      m_result.policy.range = root.range;
      return std::move(m_result);
    }
    Policy& policy = m_result.policy;
    policy.range = root.range;
    const Value* statements = nullptr;
    for (const Member& m : root.members) {
      if (m.key == "Version") {
        if (m.value.is_string()) {
          policy.version = Text{m.value.text, m.value.range};
        } else {
          issue(k_version, m.value.range, "\"Version\" must be the string \"2012-10-17\"");
        }
      } else if (m.key == "Id") {
        if (m.value.is_string()) {
          policy.id = Text{m.value.text, m.value.range};
        } else {
          issue(k_malformed, m.value.range, "\"Id\" must be a string");
        }
      } else if (m.key == "Statement") {
        if (statements == nullptr) {
          statements = &m.value;
          policy.statement_key_range = m.key_range;
        }
      } else {
        unknown_element(m, {"Version", "Id", "Statement"});
      }
    }
    check_version(root);
    if (statements == nullptr) {
      issue(k_malformed, root.range.empty() ? root.range : SourceRange{root.range.begin, root.range.begin + 1},
            "the policy has no \"Statement\" element");
    } else if (statements->is_object()) {
      build_statement(*statements, 0);
    } else if (statements->is_array()) {
      if (statements->items.empty()) {
        issue(k_empty, statements->range, "\"Statement\" is an empty list; the policy grants and denies nothing");
      }
      std::uint32_t index = 0;
      for (const Value& item : statements->items) {
        if (m_options.max_statements != 0 && index >= m_options.max_statements) {
          issue("input-limit-exceeded", policy.statement_key_range,
                fmt::format("\"Statement\" holds {} entries, over the limit of {} (--max-statements); "
                            "only the first {} statements were analysed",
                            statements->items.size(), m_options.max_statements, m_options.max_statements));
          break;
        }
        // The index is the entry's place in the list, so "#3" is what the user counts.
        const std::uint32_t position = index++;
        if (item.is_object()) {
          build_statement(item, position);
        } else {
          issue(k_malformed, item.range,
                fmt::format("each statement must be a JSON object, not {}", json::kind_name(item.kind)));
        }
      }
    } else {
      issue(k_malformed, statements->range,
            fmt::format("\"Statement\" must be an object or a list of objects, not {}",
                        json::kind_name(statements->kind)));
    }
    policy.type = m_options.type;
    policy.resource_service = m_options.resource_service;
    policy.kind = m_options.forced_kind ? *m_options.forced_kind
                  : m_options.type  ? kind_of(*m_options.type)
                                    : detect_kind(policy);
    policy.kind_was_forced = m_options.forced_kind.has_value();
    check_kind_rules();
    check_sids();
    return std::move(m_result);
  }

private:
  void issue(std::string_view rule, SourceRange range, std::string message) {
    m_result.issues.push_back(StructuralIssue{std::string(rule), range, std::move(message)});
  }

  void unknown_element(const Member& m, std::initializer_list<std::string_view> known) {
    for (std::string_view k : known) {
      if (iequals(k, m.key)) {
        issue(k_malformed, m.key_range,
              fmt::format("element \"{}\" must be spelled \"{}\"; IAM element names are case-sensitive", m.key, k));
        return;
      }
    }
    issue(k_malformed, m.key_range, fmt::format("unknown element \"{}\"", m.key));
  }

  // Every object, at every depth: AWS's handling of duplicates is undocumented, and JSON
  // parsers disagree on which one wins.
  void report_duplicate_keys(const Value& v) {
    if (v.is_object()) {
      for (std::size_t i = 1; i < v.members.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (v.members[j].key == v.members[i].key) {
            issue(k_duplicate_key, v.members[i].key_range,
                  fmt::format("duplicate key \"{}\" in the same object; JSON readers disagree on which one wins",
                              v.members[i].key));
            break;
          }
        }
      }
      for (const Member& m : v.members) {
        report_duplicate_keys(m.value);
      }
    } else if (v.is_array()) {
      for (const Value& item : v.items) {
        report_duplicate_keys(item);
      }
    }
  }

  void check_version(const Value& root) {
    const Policy& policy = m_result.policy;
    if (!policy.version) {
      if (root.find("Version") == nullptr) {
        issue(k_version, SourceRange{root.range.begin, root.range.begin + 1},
              "no \"Version\"; IAM then applies the 2008-10-17 language, in which policy variables are plain text. "
              "Add \"Version\": \"2012-10-17\"");
      }
      return;
    }
    if (policy.version->value == "2008-10-17") {
      issue(k_version, policy.version->range,
            "\"Version\" 2008-10-17 is the legacy policy language: policy variables are not substituted. "
            "Use \"2012-10-17\"");
    } else if (policy.version->value != "2012-10-17") {
      issue(k_version, policy.version->range,
            fmt::format("invalid \"Version\" \"{}\"; the only valid values are \"2012-10-17\" and \"2008-10-17\"",
                        policy.version->value));
    }
  }

  void string_list(const Member& m, ValueList& out, bool negated, Statement& st) {
    if (out.present) {
      issue(k_malformed, m.key_range,
            fmt::format("\"{}\" together with its twin element; a statement takes exactly one of the pair", m.key));
      st.evaluable = false;
      return;
    }
    out.present = true;
    out.negated = negated;
    out.key_range = m.key_range;
    auto add = [&](const Value& v) {
      if (v.is_string()) {
        out.values.push_back(Text{v.text, v.range});
      } else {
        issue(k_malformed, v.range, fmt::format("\"{}\" values must be strings, not {}", m.key, json::kind_name(v.kind)));
        st.evaluable = false;
      }
    };
    if (m.value.is_array()) {
      if (m.value.items.empty()) {
        issue(k_empty, m.value.range, fmt::format("\"{}\" is an empty list: the statement matches nothing", m.key));
      }
      for (const Value& item : m.value.items) {
        add(item);
      }
    } else {
      add(m.value);
    }
  }

  void principals(const Member& m, Statement& st, bool negated) {
    PrincipalList& out = st.principal;
    if (out.present) {
      issue(k_malformed, m.key_range, "\"Principal\" together with \"NotPrincipal\"; a statement takes one of them");
      st.evaluable = false;
      return;
    }
    out.present = true;
    out.negated = negated;
    out.key_range = m.key_range;
    if (m.value.is_string()) {
      if (m.value.text == "*") {
        out.bare_wildcard = true;
        out.values.push_back(PrincipalValue{"AWS", Text{"*", m.value.range}});
      } else {
        issue(k_principal, m.value.range,
              fmt::format("\"{}\" must be \"*\" or an object such as {{\"AWS\": \"arn:aws:iam::123456789012:root\"}}",
                          m.key));
        st.evaluable = false;
      }
      return;
    }
    if (!m.value.is_object()) {
      issue(k_principal, m.value.range, fmt::format("\"{}\" must be \"*\" or an object", m.key));
      st.evaluable = false;
      return;
    }
    if (m.value.members.empty()) {
      issue(k_empty, m.value.range, fmt::format("\"{}\" is empty: the statement matches no caller", m.key));
    }
    static constexpr std::array<std::string_view, 4> k_types{"AWS", "Service", "Federated", "CanonicalUser"};
    for (const Member& typed : m.value.members) {
      const bool known = std::find(k_types.begin(), k_types.end(), typed.key) != k_types.end();
      if (!known) {
        issue(k_principal, typed.key_range,
              fmt::format("unknown principal type \"{}\"; use AWS, Service, Federated or CanonicalUser", typed.key));
        st.evaluable = false;
      }
      auto add = [&](const Value& v) {
        if (!v.is_string()) {
          issue(k_principal, v.range, fmt::format("principal values must be strings, not {}", json::kind_name(v.kind)));
          st.evaluable = false;
          return;
        }
        out.values.push_back(PrincipalValue{typed.key, Text{v.text, v.range}});
        check_principal_value(typed.key, v);
      };
      if (typed.value.is_array()) {
        if (typed.value.items.empty()) {
          issue(k_empty, typed.value.range, fmt::format("\"{}\" principal list is empty", typed.key));
        }
        for (const Value& item : typed.value.items) {
          add(item);
        }
      } else {
        add(typed.value);
      }
    }
  }

  void check_principal_value(const std::string& type, const Value& v) {
    if (type != "AWS" || v.text == "*") {
      return;
    }
    const std::string& s = v.text;
    const bool account_id = s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (account_id) {
      return;
    }
    if (s.starts_with("arn:")) {
      check_arn(v, "principal");
      check_principal_account(v);
      if (s.find('*') != std::string::npos || s.find('?') != std::string::npos) {
        issue(k_principal, v.range,
              "wildcards are not allowed inside a principal ARN; use \"*\" with an aws:PrincipalArn ArnLike condition");
      }
      return;
    }
    const bool unique_id = s.size() >= 16 && (s.starts_with("AIDA") || s.starts_with("AROA"));
    if (!unique_id) {
      issue(k_principal, v.range,
            fmt::format("\"{}\" is not a valid AWS principal (an account ID, an IAM ARN or \"*\")", s));
    }
  }

  // IAM and STS principals live in an account: "arn:aws:iam:::root" (what a template renders from
  // an empty account variable) is rejected by IAM (Access Analyzer's MISSING_ARN_ACCOUNT).
  void check_principal_account(const Value& v) {
    std::array<std::string_view, 5> parts{};
    std::string_view rest = v.text;
    for (auto& part : parts) {
      const auto colon = rest.find(':');
      if (colon == std::string_view::npos) {
        return; // too few parts: check_arn has reported it
      }
      part = rest.substr(0, colon);
      rest.remove_prefix(colon + 1);
    }
    if ((parts[2] == "iam" || parts[2] == "sts") && parts[4].empty() && !rest.empty()) {
      issue(k_arn, v.range,
            fmt::format("principal ARN \"{}\" has no account ID; IAM rejects it (write the 12-digit account, e.g. "
                        "arn:{}:{}::123456789012:{})",
                        v.text, parts[1], parts[2], rest));
    }
  }

  // An ARN has six colon-separated parts: arn:partition:service:region:account:resource.
  void check_arn(const Value& v, std::string_view where) {
    const std::string& s = v.text;
    if (s == "*") {
      return;
    }
    std::size_t colons = 0;
    for (char c : s) {
      colons += c == ':' ? 1U : 0U;
    }
    if (!s.starts_with("arn:") || colons < 5) {
      // "arn:aws:iam::*" is accepted by IAM: a final segment of just * may stand for the
      // remaining parts. "arn:aws:s3:bucket/*" (a forgotten ":::") is not.
      if (s.starts_with("arn:") && colons >= 3 && s.ends_with(":*")) {
        return;
      }
      issue(k_arn, v.range,
            fmt::format("\"{}\" is not a valid {} ARN; expected arn:partition:service:region:account:resource", s, where));
      return;
    }
    const auto p1 = s.find(':', 4);
    const std::string_view partition(s.data() + 4, p1 - 4);
    if (partition.empty()) {
      issue(k_arn, v.range, fmt::format("ARN \"{}\" has an empty partition (aws, aws-cn, aws-us-gov…)", s));
    }
    const auto p2 = s.find(':', p1 + 1);
    if (p2 == p1 + 1) {
      issue(k_arn, v.range, fmt::format("ARN \"{}\" has an empty service", s));
    }
  }

  void conditions(const Member& m, Statement& st) {
    st.condition_range = m.key_range;
    if (!m.value.is_object()) {
      issue(k_malformed, m.value.range, fmt::format("\"Condition\" must be an object, not {}", json::kind_name(m.value.kind)));
      st.evaluable = false;
      return;
    }
    if (m.value.members.empty()) {
      issue(k_empty, m.value.range, "\"Condition\" is an empty object");
    }
    for (const Member& op_member : m.value.members) {
      const auto op = parse_operator(op_member.key);
      if (!op) {
        std::string hint;
        if (op_member.key == "NullIfExists") {
          hint = "; Null cannot take IfExists";
        }
        issue(k_operator, op_member.key_range,
              fmt::format("unknown condition operator \"{}\"{}; IAM rejects the policy", op_member.key, hint));
        st.evaluable = false;
      }
      if (!op_member.value.is_object()) {
        issue(k_malformed, op_member.value.range,
              fmt::format("condition operator \"{}\" must map to an object of keys", op_member.key));
        st.evaluable = false;
        continue;
      }
      for (std::size_t i = 0; i < op_member.value.members.size(); ++i) {
        const Member& key_member = op_member.value.members[i];
        for (std::size_t j = 0; j < i; ++j) {
          const auto& other = op_member.value.members[j].key;
          if (other != key_member.key && iequals(other, key_member.key)) {
            issue(k_duplicate_key, key_member.key_range,
                  fmt::format("condition key \"{}\" repeats \"{}\" with different case; keys are case-insensitive",
                              key_member.key, other));
          }
        }
        Condition c;
        c.operator_text = Text{op_member.key, op_member.key_range};
        c.op = op;
        c.key = Text{key_member.key, key_member.key_range};
        auto add = [&](const Value& v) {
          switch (v.kind) {
          case Kind::string: c.values.push_back(ConditionValue{v.text, v.range, ValueType::string}); break;
          case Kind::number: c.values.push_back(ConditionValue{v.text, v.range, ValueType::number}); break;
          case Kind::boolean: c.values.push_back(ConditionValue{v.text, v.range, ValueType::boolean}); break;
          default:
            issue(k_malformed, v.range,
                  fmt::format("condition values must be strings, numbers or booleans, not {}", json::kind_name(v.kind)));
            st.evaluable = false;
          }
        };
        if (key_member.value.is_array()) {
          if (key_member.value.items.empty()) {
            issue(k_empty, key_member.value.range,
                  fmt::format("condition key \"{}\" has an empty list of values", key_member.key));
          }
          for (const Value& item : key_member.value.items) {
            add(item);
          }
          // One list, one JSON type: IAM rejects ["a", 1] (Access Analyzer's
          // INVALID_CONDITION_DATA_TYPE); the other kinds are reported above.
          const auto scalar = [](const Value& v) { return v.kind == Kind::string || v.kind == Kind::number || v.kind == Kind::boolean; };
          const auto& items = key_member.value.items;
          const auto first = std::find_if(items.begin(), items.end(), scalar);
          const auto other = first == items.end() ? items.end() : std::find_if(first + 1, items.end(), [&](const Value& v) {
            return scalar(v) && v.kind != first->kind;
          });
          if (other != items.end()) {
            issue(k_malformed, other->range,
                  fmt::format("condition key \"{}\" mixes a {} with a {}; the values of one key must share one JSON type",
                              key_member.key, json::kind_name(first->kind), json::kind_name(other->kind)));
          }
        } else {
          add(key_member.value);
        }
        st.conditions.push_back(std::move(c));
      }
    }
  }

  void build_statement(const Value& obj, std::uint32_t index) {
    Statement st;
    st.index = index;
    st.range = obj.range;
    bool has_condition = false;
    for (const Member& m : obj.members) {
      const std::string& k = m.key;
      if (k == "Sid") {
        if (m.value.is_string()) {
          st.sid = Text{m.value.text, m.value.range};
        } else {
          issue(k_sid, m.value.range, "\"Sid\" must be a string");
        }
      } else if (k == "Effect") {
        st.effect_range = m.value.range;
        if (m.value.is_string() && m.value.text == "Allow") {
          st.effect = Effect::allow;
        } else if (m.value.is_string() && m.value.text == "Deny") {
          st.effect = Effect::deny;
        } else {
          issue(k_malformed, m.value.range,
                fmt::format("\"Effect\" must be \"Allow\" or \"Deny\" (exact case), not {}",
                            m.value.is_string() ? "\"" + m.value.text + "\"" : std::string(json::kind_name(m.value.kind))));
          st.evaluable = false;
        }
      } else if (k == "Action" || k == "NotAction") {
        string_list(m, st.action, k == "NotAction", st);
      } else if (k == "Resource" || k == "NotResource") {
        string_list(m, st.resource, k == "NotResource", st);
        for (const Text& r : st.resource.values) {
          if (r.range.begin >= m.value.range.begin && r.range.end <= m.value.range.end) {
            Value tmp;
            tmp.text = r.value;
            tmp.range = r.range;
            check_arn(tmp, "resource");
          }
        }
      } else if (k == "Principal" || k == "NotPrincipal") {
        principals(m, st, k == "NotPrincipal");
      } else if (k == "Condition") {
        if (!has_condition) {
          conditions(m, st);
          has_condition = true;
        }
      } else {
        unknown_element(m, {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal",
                            "NotPrincipal", "Condition"});
        st.evaluable = false;
      }
    }
    const SourceRange head{obj.range.begin, obj.range.begin + 1};
    if (obj.find("Effect") == nullptr) {
      issue(k_malformed, head, fmt::format("statement {} has no \"Effect\"", st.label()));
      st.evaluable = false;
    }
    if (!st.action.present) {
      issue(k_malformed, head, fmt::format("statement {} has neither \"Action\" nor \"NotAction\"", st.label()));
      st.evaluable = false;
    }
    m_result.policy.statements.push_back(std::move(st));
  }

  void check_kind_rules() {
    Policy& policy = m_result.policy;
    for (Statement& st : policy.statements) {
      const SourceRange head{st.range.begin, st.range.begin + 1};
      switch (policy.kind) {
      case PolicyKind::identity:
        if (st.principal.present) {
          issue(k_principal, st.principal.key_range,
                fmt::format("\"{}\" is not allowed in {}; only resource and trust policies name principals",
                            st.principal.negated ? "NotPrincipal" : "Principal",
                            policy.type ? type_description(*policy.type) : "an identity policy"));
        }
        if (!st.resource.present) {
          issue(k_malformed, head,
                fmt::format("statement {} has neither \"Resource\" nor \"NotResource\"", st.label()));
          st.evaluable = false;
        }
        break;
      case PolicyKind::trust:
        if (!st.principal.present) {
          issue(k_principal, head, fmt::format("statement {} of a trust policy has no \"Principal\"", st.label()));
          st.evaluable = false;
        } else if (st.principal.negated && st.effect == Effect::allow) {
          issue(k_principal, st.principal.key_range, "\"NotPrincipal\" is not allowed in a role trust policy");
        }
        if (st.resource.present) {
          issue(k_malformed, st.resource.key_range,
                "a role trust policy must not have \"Resource\" or \"NotResource\"; the resource is the role itself");
        }
        break;
      case PolicyKind::resource:
        if (!st.principal.present) {
          issue(k_principal, head, fmt::format("statement {} of a resource policy has no \"Principal\"", st.label()));
          st.evaluable = false;
        }
        if (!st.resource.present) {
          issue(k_malformed, head,
                fmt::format("statement {} has neither \"Resource\" nor \"NotResource\"", st.label()));
          st.evaluable = false;
        }
        break;
      }
    }
  }

  void check_sids() {
    const Policy& policy = m_result.policy;
    std::set<std::string> seen;
    for (const Statement& st : policy.statements) {
      if (!st.sid) {
        continue;
      }
      const std::string& sid = st.sid->value;
      if (!seen.insert(sid).second) {
        issue(k_sid, st.sid->range, fmt::format("duplicate Sid \"{}\"; each statement needs its own", sid));
      }
      if (policy.kind == PolicyKind::identity &&
          !std::all_of(sid.begin(), sid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
        issue(k_sid, st.sid->range,
              fmt::format("Sid \"{}\" may contain only A-Z, a-z and 0-9 in an identity policy", sid));
      }
    }
  }

  const BuildOptions& m_options;
  BuildResult m_result;
};

bool grants_assume_role(const Statement& st) {
  for (const Text& a : st.action.values) {
    std::string lower;
    lower.reserve(a.value.size());
    for (char c : a.value) {
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    if (lower.starts_with("sts:assumerole") || lower == "sts:*" || lower == "*" || lower == "sts:assume*") {
      return true;
    }
  }
  return false;
}

} // namespace

BuildResult build_policy(const json::Value& root, const BuildOptions& options) {
  return Builder(options).build(root);
}

PolicyKind detect_kind(const Policy& policy) {
  bool any_principal = false;
  bool assume = false;
  bool any_resource = false;
  for (const Statement& st : policy.statements) {
    any_principal = any_principal || st.principal.present;
    any_resource = any_resource || st.resource.present;
    assume = assume || (st.principal.present && !st.action.negated && grants_assume_role(st));
  }
  if (!any_principal) {
    return PolicyKind::identity;
  }
  // A trust policy has no Resource; a bucket policy granting sts:* would still be a resource policy.
  return assume && !any_resource ? PolicyKind::trust : PolicyKind::resource;
}

std::string_view kind_name(PolicyKind kind) {
  switch (kind) {
  case PolicyKind::identity: return "identity";
  case PolicyKind::trust: return "trust";
  case PolicyKind::resource: return "resource";
  }
  return "identity";
}

std::optional<PolicyKind> parse_kind(std::string_view text) {
  for (auto k : {PolicyKind::identity, PolicyKind::trust, PolicyKind::resource}) {
    if (kind_name(k) == text) {
      return k;
    }
  }
  return std::nullopt;
}

} // namespace policylint::policy

namespace policylint::policy {

std::string_view type_name(PolicyType type) {
  switch (type) {
  case PolicyType::identity: return "identity";
  case PolicyType::resource: return "resource";
  case PolicyType::trust: return "trust";
  case PolicyType::scp: return "scp";
  case PolicyType::rcp: return "rcp";
  case PolicyType::boundary: return "boundary";
  case PolicyType::session: return "session";
  }
  return "identity";
}

std::vector<std::string> type_names() {
  std::vector<std::string> out;
  for (auto t : {PolicyType::identity, PolicyType::resource, PolicyType::trust, PolicyType::scp, PolicyType::rcp,
                 PolicyType::boundary, PolicyType::session}) {
    out.emplace_back(type_name(t));
  }
  return out;
}

std::optional<PolicyType> parse_type(std::string_view text) {
  for (auto t : {PolicyType::identity, PolicyType::resource, PolicyType::trust, PolicyType::scp, PolicyType::rcp,
                 PolicyType::boundary, PolicyType::session}) {
    if (type_name(t) == text) {
      return t;
    }
  }
  return std::nullopt;
}

PolicyKind kind_of(PolicyType type) {
  switch (type) {
  case PolicyType::resource:
  case PolicyType::rcp: return PolicyKind::resource;
  case PolicyType::trust: return PolicyKind::trust;
  default: return PolicyKind::identity;
  }
}

std::string_view type_description(PolicyType type) {
  switch (type) {
  case PolicyType::identity: return "an identity policy";
  case PolicyType::resource: return "a resource policy";
  case PolicyType::trust: return "a role trust policy";
  case PolicyType::scp: return "a service control policy";
  case PolicyType::rcp: return "a resource control policy";
  case PolicyType::boundary: return "a permissions boundary";
  case PolicyType::session: return "a session policy";
  }
  return "an identity policy";
}

} // namespace policylint::policy
