#pragma once
// Random policies and the request space to check them against, for the property tests.
// Deterministic: a fixed-seed xorshift generator (std distributions differ between libraries).
#include <policylint/eval/request.hpp>
#include <policylint/policy/model.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policylint::property {

class Rng {
public:
  explicit Rng(std::uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t next() {
    m_state ^= m_state << 13U;
    m_state ^= m_state >> 7U;
    m_state ^= m_state << 17U;
    return m_state;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool percent(unsigned p) { return below(100) < p; }
  template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

private:
  std::uint64_t m_state;
};

// One condition key: the operators a policy may use on it, the values it may write, and the
// values a request may carry (nullopt = absent is always added by the brute force).
struct KeySpec {
  std::string key;
  std::vector<std::string> operators;
  std::vector<std::string> policy_values;
  std::vector<std::vector<std::string>> request_values;
  bool multivalued = false;
};


namespace detail {

inline const std::vector<std::string> k_numeric{"NumericEquals",   "NumericNotEquals",     "NumericLessThan",
                                         "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"};
inline const std::vector<std::string> k_date{"DateEquals",   "DateNotEquals",     "DateLessThan",
                                      "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"};
inline const std::vector<std::string> k_string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
                                        "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"};

inline policy::Text text(std::string v) { return policy::Text{std::move(v), {}}; }

} // namespace detail

inline const std::vector<KeySpec>& key_specs() {
  static const std::vector<KeySpec> specs{
      {"aws:SourceIp",
       {"IpAddress", "NotIpAddress"},
       {"203.0.113.0/24", "203.0.113.128/25", "198.51.100.7", "2001:db8::/32", "::ffff:0:0/96", "0.0.0.0/0"},
       {{"203.0.113.5"}, {"203.0.113.200"}, {"198.51.100.7"}, {"8.8.8.8"}, {"2001:db8::1"},
        {"::ffff:203.0.113.5"}, {"2600::1"}},
       false},
      {"aws:MultiFactorAuthPresent", {"Bool"}, {"true", "false"}, {{"true"}, {"false"}, {"TRUE"}, {"maybe"}}, false},
      {"aws:MultiFactorAuthAge",
       detail::k_numeric,
       {"3600", "600", "0", "1.5"},
       {{"0"}, {"1"}, {"2"}, {"599"}, {"600"}, {"601"}, {"3600"}, {"4000"}, {"-3"}, {"x"}},
       false},
      {"s3:object-lock-retain-until-date", // a date key that is not the clock (domain.cpp)
       detail::k_date,
       {"2020-01-01T00:00:00Z", "2024-06-01", "1700000000"},
       {{"2019-12-31T23:59:59Z"}, {"2020-01-01T00:00:00Z"}, {"2022-01-01T00:00:00Z"}, {"2023-11-14T22:13:20Z"},
        {"2024-06-01T00:00:00Z"}, {"2030-01-01T00:00:00Z"}},
       false},
      {"aws:PrincipalTag/team",
       detail::k_string,
       {"red", "blue", "re*", "*e", "Red", "r?d"},
       {{"red"}, {"blue"}, {"Red"}, {"RED"}, {"reed"}, {"rod"}, {"green"}, {"e"}, {"re*"}},
       false},
      {"aws:SourceArn",
       {"ArnLike", "ArnNotLike", "ArnEquals", "ArnNotEquals"},
       {"arn:aws:s3:::bucket*", "arn:aws:*:*:111122223333:*", "arn:aws:sns:us-east-1:111122223333:topic"},
       {{"arn:aws:s3:::bucket1"}, {"arn:aws:s3:::other"}, {"arn:aws:sns:us-east-1:111122223333:topic"},
        {"arn:aws:sns:us-east-1:444455556666:topic"}, {"arn:aws:s3:::bucket:111122223333:x"}, {"notanarn"}},
       false},
      {"aws:TagKeys",
       {"StringEquals", "StringNotEquals", "StringLike", "StringNotLike"},
       {"env", "owner", "e*"},
       {{}, {"env"}, {"owner"}, {"env", "owner"}, {"other"}, {"env", "other"}, {"e1"}},
       true},
  };
  return specs;
}

inline const std::vector<std::string>& request_actions() {
  static const std::vector<std::string> actions{"s3:GetObject",       "s3:PutObject",           "s3:GetBucketPolicy",
                                                "iam:CreateAccessKey", "ec2:DescribeInstances", "kms:Decrypt",
                                                "sqs:SendMessage",     "lambda:InvokeFunction"};
  return actions;
}

inline const std::vector<std::string>& request_resources() {
  static const std::vector<std::string> resources{"*",
                                                  "arn:aws:s3:::bucket/a",
                                                  "arn:aws:s3:::bucket/secret1",
                                                  "arn:aws:s3:::other",
                                                  "arn:aws:iam::111122223333:user/x",
                                                  "arn:aws:sqs:us-east-1:111122223333:q",
                                                  "arn:aws:s3:::else"};
  return resources;
}

inline const std::vector<std::string>& request_principals() {
  static const std::vector<std::string> principals{"arn:aws:iam::111122223333:user/x",
                                                   "arn:aws:iam::111122223333:role/admin",
                                                   "arn:aws:sts::111122223333:assumed-role/admin/session",
                                                   "arn:aws:iam::444455556666:user/bob",
                                                   "*",
                                                   "arn:aws:iam::999999999999:user/z"};
  return principals;
}

// `kind` resource: every statement gets a Principal (or NotPrincipal) from a small pool.
inline policy::Policy random_policy(Rng& rng, const std::vector<std::size_t>& keys,
                                    policy::PolicyKind kind = policy::PolicyKind::identity) {
  static const std::vector<std::string> principal_pool{"*", "111122223333", "arn:aws:iam::111122223333:role/admin",
                                                       "arn:aws:iam::444455556666:user/bob",
                                                       "arn:aws:iam::111122223333:root"};
  static const std::vector<std::string> actions{"*",      "s3:*",           "s3:Get*",        "s3:GetObject",
                                                "iam:*",  "iam:CreateAccessKey", "ec2:Describe*", "s3:?utObject",
                                                "kms:Decrypt", "sqs:*"};
  static const std::vector<std::string> resources{"*",
                                                  "arn:aws:s3:::bucket/*",
                                                  "arn:aws:s3:::bucket/secret*",
                                                  "arn:aws:s3:::other",
                                                  "arn:aws:iam::*",
                                                  "arn:aws:*:*:111122223333:*"};
  policy::Policy p;
  p.kind = kind;
  p.version = detail::text("2012-10-17");
  const std::size_t statements = 1 + rng.below(4);
  for (std::size_t i = 0; i < statements; ++i) {
    policy::Statement s;
    s.index = static_cast<std::uint32_t>(i);
    s.effect = rng.percent(60) ? policy::Effect::allow : policy::Effect::deny;
    s.action.present = true;
    s.action.negated = rng.percent(20);
    for (std::size_t n = 1 + rng.below(2); n > 0; --n) {
      s.action.values.push_back(detail::text(rng.pick(actions)));
    }
    s.resource.present = true;
    s.resource.negated = rng.percent(15);
    for (std::size_t n = 1 + rng.below(2); n > 0; --n) {
      s.resource.values.push_back(detail::text(rng.pick(resources)));
    }
    if (kind == policy::PolicyKind::resource) {
      s.principal.present = true;
      s.principal.negated = rng.percent(10);
      for (std::size_t n = 1 + rng.below(2); n > 0; --n) {
        s.principal.values.push_back({"AWS", detail::text(rng.pick(principal_pool))});
      }
    }
    for (std::size_t n = rng.below(3); n > 0 && !keys.empty(); --n) {
      const KeySpec& spec = key_specs()[rng.pick(keys)];
      policy::Condition c;
      std::string name;
      if (rng.percent(12)) {
        name = "Null";
      } else {
        name = rng.pick(spec.operators);
        if (spec.multivalued || rng.percent(10)) {
          name = (rng.percent(50) ? "ForAnyValue:" : "ForAllValues:") + name;
        }
        if (rng.percent(25)) {
          name += "IfExists";
        }
      }
      c.operator_text = detail::text(name);
      c.op = policy::parse_operator(name);
      c.key = detail::text(spec.key);
      if (name == "Null") {
        c.values.push_back({rng.percent(50) ? "true" : "false", {}, policy::ValueType::string});
      } else {
        for (std::size_t v = 1 + rng.below(2); v > 0; --v) {
          c.values.push_back({rng.pick(spec.policy_values), {}, policy::ValueType::string});
        }
      }
      s.conditions.push_back(std::move(c));
    }
    p.statements.push_back(std::move(s));
  }
  return p;
}

// Whether some request over the pools — actions × resources × (absent or each request value)
// per key — satisfies `wanted`. Visits them in place (no list of tens of thousands of requests);
// `stride` > 1 visits every stride-th one only.
template <class Wanted>
bool any_request(const std::vector<std::size_t>& keys, Wanted&& wanted, std::size_t stride = 1, std::size_t offset = 0) {
  eval::Request r;
  std::vector<std::size_t> at(keys.size(), 0); // 0 = absent, i = request_values[i-1]
  std::size_t counter = 0;
  for (const auto& action : request_actions()) {
    for (const auto& resource : request_resources()) {
      r.action = action;
      r.resource = resource;
      std::fill(at.begin(), at.end(), 0);
      while (true) {
        if (counter++ % stride == offset % stride) {
          for (std::size_t i = 0; i < keys.size(); ++i) {
            const KeySpec& spec = key_specs()[keys[i]];
            if (at[i] == 0) {
              r.remove_context(spec.key);
            } else {
              r.set_context(spec.key, spec.request_values[at[i] - 1]);
            }
          }
          if (wanted(r)) {
            return true;
          }
        }
        std::size_t i = 0;
        while (i < at.size() && ++at[i] > key_specs()[keys[i]].request_values.size()) {
          at[i] = 0;
          ++i;
        }
        if (i == at.size()) {
          break;
        }
      }
    }
  }
  return false;
}

} // namespace policylint::property
