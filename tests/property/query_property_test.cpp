// Property tests for the exact query engine (docs/query.md): on random policies, the engine's
// answer to "is there a request in this class with this outcome?" must agree with brute-force
// evaluation of every request over independent pools of actions, resources and context
// values, and every request the engine returns must be confirmed by eval::evaluate.
#include "policy_generator.hpp"

#include <doctest/doctest.h>

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/conditions.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/query/resource_types.hpp>

#include <array>
#include <string>

using namespace policylint;
using property::Rng;

namespace {

std::string describe(const policy::Policy& p) {
  std::string out;
  for (const auto& s : p.statements) {
    out += *s.effect == policy::Effect::allow ? "Allow " : "Deny ";
    out += s.action.negated ? "NotAction[" : "Action[";
    for (const auto& a : s.action.values) {
      out += a.value + " ";
    }
    out += s.resource.negated ? "] NotResource[" : "] Resource[";
    for (const auto& r : s.resource.values) {
      out += r.value + " ";
    }
    out += "]";
    for (const auto& c : s.conditions) {
      out += " " + c.operator_text.value + "(" + c.key.value + ":";
      for (const auto& v : c.values) {
        out += " " + v.text;
      }
      out += ")";
    }
    out += "\n";
  }
  return out;
}

policy::Condition condition_of(const query::KeyConstraint& k) {
  policy::Condition c;
  c.operator_text.value = k.op;
  c.op = policy::parse_operator(k.op);
  c.key.value = k.key;
  for (const auto& v : k.values) {
    c.values.push_back({v, {}, policy::ValueType::string});
  }
  return c;
}

bool in_class(const eval::Request& r, const query::Query& q) {
  for (const auto& k : q.constraints) {
    if (!eval::condition_matches(condition_of(k), r, false)) {
      return false;
    }
  }
  if (!q.actions.empty() && std::none_of(q.actions.begin(), q.actions.end(), [&](const std::string& p) {
        return eval::action_matches(p, r.action);
      })) {
    return false;
  }
  if (!q.access_levels.empty()) {
    const auto action = catalog::embedded_catalog().find_action(r.action);
    if (!action || std::find(q.access_levels.begin(), q.access_levels.end(), action->access_level()) == q.access_levels.end()) {
      return false;
    }
  }
  for (const auto& [key, option] : q.context) {
    const auto* values = r.context_values(key);
    if ((values == nullptr) != !option.has_value() || (values != nullptr && *values != *option)) {
      return false;
    }
  }
  return true;
}

bool has_outcome(eval::Decision d, query::Outcome o) {
  switch (o) {
  case query::Outcome::allowed: return d == eval::Decision::allowed;
  case query::Outcome::explicit_deny: return d == eval::Decision::explicit_deny;
  case query::Outcome::implicit_deny: return d == eval::Decision::implicit_deny;
  case query::Outcome::newly_allowed: return false;
  }
  return false;
}

// A random query class: every action, a service, or a few patterns, sometimes only the
// privileged ones; sometimes a key fixed or constrained.
query::Query random_query(Rng& rng, const std::vector<std::size_t>& keys) {
  static const std::vector<std::vector<std::string>> action_sets{{}, {}, {"s3:*"}, {"s3:Get*", "kms:Decrypt"}, {"iam:CreateAccessKey"}};
  query::Query q;
  q.actions = rng.pick(action_sets);
  if (rng.percent(20)) {
    q.access_levels = {catalog::AccessLevel::write, catalog::AccessLevel::permissions_management}; // "privileged"
  }
  if (rng.percent(30)) {
    const auto& spec = property::key_specs()[rng.pick(keys)];
    std::string key = spec.key;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    q.context[key] = rng.percent(50) ? query::KeyOption(std::nullopt) : query::KeyOption(spec.request_values.front());
  } else if (rng.percent(40)) {
    // A constraint in policy syntax on a searched key, e.g. NotIpAddress aws:SourceIp 203.0.113.0/24.
    const auto& spec = property::key_specs()[rng.pick(keys)];
    std::string op = rng.pick(spec.operators);
    if (spec.multivalued) {
      op = "ForAnyValue:" + op;
    }
    q.constraints.push_back({op, spec.key, {rng.pick(spec.policy_values)}});
  }
  return q;
}

std::vector<std::size_t> random_keys(Rng& rng, std::size_t count) {
  std::vector<std::size_t> keys;
  while (keys.size() < count) {
    const std::size_t k = rng.below(property::key_specs().size());
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) {
      keys.push_back(k);
    }
  }
  return keys;
}

} // namespace

TEST_CASE("query engine agrees with brute-force evaluation on random policies") {
  std::size_t found_count = 0;
  std::size_t engine_only = 0;
  for (std::uint64_t seed = 1; seed <= 160; ++seed) {
    Rng rng(seed);
    const auto keys = random_keys(rng, 2);
    const policy::Policy policy = property::random_policy(rng, keys);
    const std::array<const policy::Policy*, 1> set{&policy};
    query::Engine engine(set);
    const query::Query base = random_query(rng, keys);
    for (const auto outcome : {query::Outcome::allowed, query::Outcome::explicit_deny, query::Outcome::implicit_deny}) {
      query::Query q = base;
      q.outcome = outcome;
      const bool brute = property::any_request(keys, [&](const eval::Request& r) {
        return in_class(r, q) && has_outcome(eval::evaluate(set, r).decision, outcome);
      });
      const auto found = engine.find(q);
      INFO("seed ", seed, " outcome ", static_cast<int>(outcome), "\n", describe(policy));
      if (brute) {
        CHECK(found.has_value());
      }
      if (found) {
        ++found_count;
        engine_only += brute ? 0 : 1;
        const auto again = eval::evaluate(set, found->request);
        CHECK(has_outcome(again.decision, outcome));
        CHECK(in_class(found->request, q));
      }
    }
  }
  MESSAGE(found_count, " counterexamples confirmed; ", engine_only, " outside the brute-force pools");
  CHECK(found_count > 100);
}

TEST_CASE("query engine: newly allowed requests agree with brute force on random policy pairs") {
  for (std::uint64_t seed = 1000; seed < 1100; ++seed) {
    Rng rng(seed);
    const auto keys = random_keys(rng, 2);
    const policy::Policy old_policy = property::random_policy(rng, keys);
    const policy::Policy new_policy = property::random_policy(rng, keys);
    const std::array<const policy::Policy*, 1> old_set{&old_policy};
    const std::array<const policy::Policy*, 1> new_set{&new_policy};
    const bool brute = property::any_request(keys, [&](const eval::Request& r) {
      return eval::evaluate(new_set, r).decision == eval::Decision::allowed &&
             eval::evaluate(old_set, r).decision != eval::Decision::allowed;
    });
    query::Engine engine(new_set, old_set);
    query::Query q;
    q.outcome = query::Outcome::newly_allowed;
    const auto found = engine.find(q);
    INFO("seed ", seed, "\nOLD\n", describe(old_policy), "NEW\n", describe(new_policy));
    if (brute) {
      CHECK(found.has_value());
    }
    if (found) {
      CHECK(eval::evaluate(new_set, found->request).decision == eval::Decision::allowed);
      CHECK(eval::evaluate(old_set, found->request).decision != eval::Decision::allowed);
    }
    // Per action class: each one is confirmed too.
    for (const auto& f : engine.find_per_action_class(q)) {
      CHECK(eval::evaluate(new_set, f.request).decision == eval::Decision::allowed);
      CHECK(eval::evaluate(old_set, f.request).decision != eval::Decision::allowed);
    }
  }
}

// The typed request space (docs/query.md): every request a typed query returns names a resource
// of its action's types, and whenever brute force finds such a request, so does the engine.
TEST_CASE("query engine: typed queries agree with brute force over requests AWS can make") {
  const auto fits = [](const eval::Request& r) {
    return query::request_resource_fits(catalog::embedded_catalog(), r.action, r.resource);
  };
  std::size_t found_count = 0;
  for (std::uint64_t seed = 2000; seed < 2120; ++seed) {
    Rng rng(seed);
    const auto keys = random_keys(rng, 2);
    const policy::Policy old_policy = property::random_policy(rng, keys);
    const policy::Policy new_policy = property::random_policy(rng, keys);
    const std::array<const policy::Policy*, 1> old_set{&old_policy};
    const std::array<const policy::Policy*, 1> new_set{&new_policy};
    INFO("seed ", seed, "\nOLD\n", describe(old_policy), "NEW\n", describe(new_policy));
    query::Query allowed;
    allowed.typed_resources = true;
    const bool brute_allowed = property::any_request(keys, [&](const eval::Request& r) {
      return fits(r) && eval::evaluate(new_set, r).decision == eval::Decision::allowed;
    });
    query::Engine single(new_set);
    const auto found = single.find(allowed);
    if (brute_allowed) {
      CHECK(found.has_value());
    }
    if (found) {
      ++found_count;
      CHECK(fits(found->request));
      CHECK(eval::evaluate(new_set, found->request).decision == eval::Decision::allowed);
    }
    query::Query newly;
    newly.typed_resources = true;
    newly.outcome = query::Outcome::newly_allowed;
    newly.split_by_service = true;
    const bool brute_newly = property::any_request(keys, [&](const eval::Request& r) {
      return fits(r) && eval::evaluate(new_set, r).decision == eval::Decision::allowed &&
             eval::evaluate(old_set, r).decision != eval::Decision::allowed;
    });
    query::Engine diff(new_set, old_set);
    const auto per_class = diff.find_per_action_class(newly);
    if (brute_newly) {
      CHECK_FALSE(per_class.empty());
    }
    for (const auto& f : per_class) {
      CHECK(fits(f.request));
      CHECK(eval::evaluate(new_set, f.request).decision == eval::Decision::allowed);
      CHECK(eval::evaluate(old_set, f.request).decision != eval::Decision::allowed);
    }
  }
  MESSAGE(found_count, " typed counterexamples confirmed");
  CHECK(found_count > 30);
}

TEST_CASE("query engine: three condition keys, sampled requests") {
  for (std::uint64_t seed = 5000; seed < 5060; ++seed) {
    Rng rng(seed);
    const auto keys = random_keys(rng, 3);
    const policy::Policy policy = property::random_policy(rng, keys);
    const std::array<const policy::Policy*, 1> set{&policy};
    query::Engine engine(set);
    query::Query q;
    // Every 7th request of the full product (tens of thousands) keeps the test fast.
    const bool brute = property::any_request(
        keys, [&](const eval::Request& r) { return eval::evaluate(set, r).decision == eval::Decision::allowed; }, 7,
        static_cast<std::size_t>(seed));
    const auto found = engine.find(q);
    INFO("seed ", seed, "\n", describe(policy));
    if (brute) {
      CHECK(found.has_value());
    }
    if (found) {
      CHECK(eval::evaluate(set, found->request).decision == eval::Decision::allowed);
    }
  }
}

TEST_CASE("query engine: resource policies, fixed and searched principals") {
  for (std::uint64_t seed = 7000; seed < 7080; ++seed) {
    Rng rng(seed);
    const auto keys = random_keys(rng, 1);
    const policy::Policy policy = property::random_policy(rng, keys, policy::PolicyKind::resource);
    const std::array<const policy::Policy*, 1> set{&policy};
    query::Engine engine(set);
    INFO("seed ", seed, "\n", describe(policy));
    // A fixed caller: exact.
    query::Query fixed;
    fixed.principal = rng.pick(property::request_principals());
    const bool brute_fixed = property::any_request(keys, [&](eval::Request r) {
      r.principal = *fixed.principal;
      return eval::evaluate(set, r).decision == eval::Decision::allowed;
    });
    const auto found_fixed = engine.find(fixed);
    if (brute_fixed) {
      CHECK(found_fixed.has_value());
    }
    if (found_fixed) {
      CHECK(found_fixed->request.principal == *fixed.principal);
      CHECK(eval::evaluate(set, found_fixed->request).decision == eval::Decision::allowed);
    }
    // Any caller: the principals the policy names, an outsider and anonymous stand for all.
    const bool brute_any = std::any_of(property::request_principals().begin(), property::request_principals().end(),
                                       [&](const std::string& principal) {
                                         return property::any_request(keys, [&](eval::Request r) {
                                           r.principal = principal;
                                           return eval::evaluate(set, r).decision == eval::Decision::allowed;
                                         });
                                       });
    const auto found_any = engine.find(query::Query{});
    if (brute_any) {
      CHECK(found_any.has_value());
    }
    if (found_any) {
      CHECK(eval::evaluate(set, found_any->request).decision == eval::Decision::allowed);
    }
  }
}
