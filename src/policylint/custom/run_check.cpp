#include <policylint/custom/run_check.hpp>

#include <policylint/io/inputs.hpp>
#include <policylint/custom/action_groups.hpp>
#include <policylint/custom/callers.hpp>
#include <policylint/probes/decide.hpp>
#include <policylint/custom/glob_witness.hpp>
#include <policylint/custom/message.hpp>
#include <policylint/custom/source_addresses.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/conditions.hpp>
#include <policylint/eval/principal_match.hpp>
#include <policylint/output/key_names.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/query/request_search.hpp>
#include <policylint/probes/counterexample.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace policylint::custom {

namespace {

using Keys = std::vector<std::pair<std::string, std::optional<std::vector<std::string>>>>;

// One way of meeting the check's `when`: the keys it fixes and how to say it.
struct Variant {
  Keys keys;
  std::string description;
  std::vector<std::string> absent; // display names, for the counterexample
};

void put(Keys& keys, const std::string& key, std::optional<std::vector<std::string>> values) {
  for (auto& [k, v] : keys) {
    if (k == key) {
      v = std::move(values);
      return;
    }
  }
  keys.emplace_back(key, std::move(values));
}

bool context_fixes(const Query& q, std::string_view lower) {
  return std::any_of(q.context.begin(), q.context.end(), [&](const FixedKey& k) { return k.lower == lower; });
}

std::vector<Variant> alternatives(const Constraint& c, const Query& q, const policy::Policy& policy) {
  std::vector<Variant> out;
  if (c.type == Constraint::Type::source_ip_outside) {
    const std::array<const policy::Policy*, 1> set{&policy};
    std::vector<eval::Cidr> mentioned;
    for (const auto& text : query::ip_values(set, probes::k_source_ip)) {
      if (auto cidr = eval::try_parse_cidr(text)) {
        mentioned.push_back(*cidr);
      }
    }
    for (const auto& address : addresses_outside(c.ranges, mentioned)) {
      Variant v;
      put(v.keys, probes::k_source_ip, std::vector<std::string>{address});
      // A direct call over the internet: not made by a service for the caller, not through
      // a VPC endpoint (those carry no public aws:SourceIp).
      if (!context_fixes(q, probes::k_via_service)) {
        put(v.keys, probes::k_via_service, std::vector<std::string>{"false"});
      }
      for (const char* key : {"aws:sourcevpce", "aws:sourcevpc", "aws:vpcsourceip"}) {
        if (!context_fixes(q, key)) {
          put(v.keys, key, std::nullopt);
        }
      }
      v.description = fmt::format("from {}, outside {}", address, fmt::join(c.range_texts, ", "));
      out.push_back(std::move(v));
    }
    return out;
  }
  using Mfa = Constraint::Mfa;
  if (c.mfa == Mfa::absent || c.mfa == Mfa::absent_or_false) {
    Variant v;
    put(v.keys, probes::k_mfa_present, std::nullopt);
    put(v.keys, probes::k_mfa_age, std::nullopt);
    v.absent = {"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"};
    v.description = "without MFA (long-term access keys)";
    out.push_back(std::move(v));
  }
  if (c.mfa == Mfa::present_false || c.mfa == Mfa::absent_or_false) {
    Variant v;
    put(v.keys, probes::k_mfa_present, std::vector<std::string>{"false"});
    put(v.keys, probes::k_mfa_age, std::nullopt);
    v.absent = {"aws:MultiFactorAuthAge"};
    v.description = "without MFA (temporary credentials obtained without MFA)";
    out.push_back(std::move(v));
  }
  return out;
}

Variant combine(const Variant& a, const Variant& b) {
  Variant out = a;
  for (const auto& [k, v] : b.keys) {
    put(out.keys, k, v);
  }
  out.absent.insert(out.absent.end(), b.absent.begin(), b.absent.end());
  out.description = a.description.empty() ? b.description : a.description + " and " + b.description;
  return out;
}

// `when_mode` any: the union of every constraint's alternatives; all: their combinations.
std::vector<Variant> variants(const Query& q, const policy::Policy& policy) {
  if (q.when.empty()) {
    return {Variant{}};
  }
  if (!q.when_all) {
    std::vector<Variant> out;
    for (const Constraint& c : q.when) {
      auto alt = alternatives(c, q, policy);
      out.insert(out.end(), std::make_move_iterator(alt.begin()), std::make_move_iterator(alt.end()));
    }
    return out;
  }
  std::vector<Variant> out{Variant{}};
  for (const Constraint& c : q.when) {
    const auto alt = alternatives(c, q, policy);
    std::vector<Variant> next;
    for (const Variant& partial : out) {
      for (const Variant& a : alt) {
        next.push_back(combine(partial, a));
      }
    }
    out = std::move(next);
  }
  return out;
}

std::string instantiate(std::string_view pattern) {
  std::string out(pattern);
  std::replace(out.begin(), out.end(), '*', 'x');
  std::replace(out.begin(), out.end(), '?', 'x');
  return out;
}

constexpr std::size_t k_max_resources = 8;

// Concrete resources to try for a statement: its own resources and the check's patterns,
// instantiated, kept when the check's patterns cover them; "*" for trust policies.
std::vector<std::string> resources_for(const Query& q, const policy::Policy& policy, const policy::Statement& st) {
  std::vector<std::string> out;
  if (policy.kind == policy::PolicyKind::trust) {
    out.emplace_back("*");
    return out;
  }
  const auto wanted = [&](const std::string& r) {
    return q.resources.empty() || std::any_of(q.resources.begin(), q.resources.end(),
                                              [&](const std::string& p) { return eval::resource_matches(p, r); });
  };
  const auto add = [&](std::string r) {
    if (out.size() < k_max_resources && wanted(r) && std::find(out.begin(), out.end(), r) == out.end()) {
      out.push_back(std::move(r));
    }
  };
  if (st.resource.present && !st.resource.negated) {
    for (const auto& r : st.resource.values) {
      add(r.value == "*" ? std::string("*") : instantiate(r.value));
    }
  }
  for (const auto& p : q.resources) {
    add(p == "*" ? std::string("*") : instantiate(p));
  }
  // A resource both the statement and the check name, when neither instance above is one.
  if (st.resource.present && !st.resource.negated) {
    for (const auto& r : st.resource.values) {
      for (const auto& p : q.resources) {
        if (auto both = common_instance(r.value, p); both && eval::resource_matches(r.value, *both)) {
          add(std::move(*both));
        }
      }
    }
  }
  add("*");
  return out;
}

// How each statement's Resource element treats a resource: 1 covers, 0 does not, 2 cannot
// tell without the request (a policy variable). Resources with equal signatures get equal
// decisions, so only the first of each is searched.
std::vector<char> resource_signature(const policy::Policy& policy, const std::string& resource) {
  std::vector<char> out;
  out.reserve(policy.statements.size());
  for (const auto& st : policy.statements) {
    if (!st.resource.present) {
      out.push_back(0);
      continue;
    }
    bool any = false;
    bool unknown = false;
    for (const auto& v : st.resource.values) {
      if (v.value.find("${") != std::string::npos) {
        unknown = true;
      } else if (eval::resource_matches(v.value, resource)) {
        any = true;
      }
    }
    out.push_back(unknown ? char{2} : static_cast<char>(any != st.resource.negated));
  }
  return out;
}

// The resources worth a search for statement `index`: its Resource element may cover them,
// and no earlier one is treated alike by every statement.
std::vector<std::string> distinct_resources(const policy::Policy& policy, std::size_t index,
                                            const std::vector<std::string>& candidates) {
  if (policy.kind == policy::PolicyKind::trust) {
    return candidates;
  }
  std::vector<std::string> out;
  std::vector<std::vector<char>> seen;
  for (const auto& r : candidates) {
    auto signature = resource_signature(policy, r);
    if (signature[index] == 0 || std::find(seen.begin(), seen.end(), signature) != seen.end()) {
      continue;
    }
    seen.push_back(std::move(signature));
    out.push_back(r);
  }
  return out;
}

// A condition of the statement on a key the question fixes already fails: the statement
// cannot apply to any request of this search. (Values with policy variables depend on
// other keys and are left to the search.)
bool fixed_keys_exclude(const policy::Policy& policy, const policy::Statement& st, const query::SearchSpace& space) {
  for (const auto& c : st.conditions) {
    if (!space.fixed_keys.contains(query::to_lower(c.key.value))) {
      continue;
    }
    const bool variable = std::any_of(c.values.begin(), c.values.end(),
                                      [](const policy::ConditionValue& v) { return v.text.find("${") != std::string::npos; });
    if (!variable && !eval::condition_matches(c, space.base, policy.variables_enabled())) {
      return true;
    }
  }
  return false;
}

// Statement `index` first, then every Deny statement, of a copy of the policy.
policy::Policy focused(const policy::Policy& policy, std::size_t index) {
  policy::Policy out;
  out.version = policy.version;
  out.kind = policy.kind;
  out.statements.push_back(policy.statements[index]);
  for (const auto& st : policy.statements) {
    if (st.evaluable && st.effect == policy::Effect::deny) {
      out.statements.push_back(st);
    }
  }
  return out;
}

const SourceRange& token_for(const Check& check, const policy::Statement& st, const eval::Request& request) {
  if (check.query.principal.type != PrincipalClass::Type::any && st.principal.present) {
    if (st.principal.negated) {
      return st.principal.key_range;
    }
    for (const auto& p : st.principal.values) {
      if (eval::principal_value_matches(p, request.principal)) {
        return p.value.range;
      }
    }
  }
  if (st.action.present) {
    if (st.action.negated) {
      return st.action.key_range;
    }
    for (const auto& a : st.action.values) {
      if (eval::action_matches(a.value, request.action)) {
        return a.range;
      }
    }
  }
  return st.range;
}

} // namespace

bool applies(const Check& check, const engine::PolicyUnit& unit) {
  const Query& q = check.query;
  if (!q.kinds.empty() && std::find(q.kinds.begin(), q.kinds.end(), unit.policy.kind) == q.kinds.end()) {
    return false;
  }
  if (q.paths.empty()) {
    return true;
  }
  const std::string path = unit.file != nullptr ? unit.file->path() : std::string();
  return std::any_of(q.paths.begin(), q.paths.end(), [&](const std::string& g) {
    return io::glob_matches(g, path) || io::glob_matches("**/" + g, path);
  });
}

namespace {

struct Hit {
  query::Found found;
  const Variant* way = nullptr;
  const Caller* caller = nullptr;
  std::size_t group_size = 0;
};

// The fixed part of one search: the caller's keys, then the check's context, then the
// constraint's keys (later ones win).
query::SearchSpace space_for(const Check& check, const Variant& way, const Caller& caller, const std::string& action,
                             const std::string& resource) {
  query::SearchSpace space;
  space.base.action = action;
  space.base.resource = resource;
  space.base.principal = caller.principal;
  const auto fix = [&](const std::string& key, const std::optional<std::vector<std::string>>& values) {
    if (values) {
      space.base.set_context(key, *values);
    } else {
      space.base.remove_context(key);
    }
    space.fixed_keys.insert(key);
  };
  for (const auto& [key, values] : caller.keys) {
    fix(key, values);
  }
  for (const FixedKey& k : check.query.context) {
    fix(k.lower, k.values);
  }
  for (const auto& [key, values] : way.keys) {
    fix(key, values);
  }
  return space;
}

// The classes of requests statement `index` can grant — a way of meeting the check's `when`, a
// caller the statement names, an action group its Action element covers — in that order.
template <typename Visit>
void for_each_class(const policy::Policy& policy, std::size_t index, const std::vector<Variant>& ways,
                    const std::vector<Caller>& callers, const std::vector<ActionGroup>& groups, const Visit& visit) {
  const policy::Statement& st = policy.statements[index];
  for (const Variant& way : ways) {
    for (const Caller& caller : callers) {
      if (policy.kind != policy::PolicyKind::identity && !eval::principal_list_matches(st.principal, caller.principal)) {
        continue; // the statement never names this caller
      }
      for (const ActionGroup& group : groups) {
        if (group.covered[index]) {
          visit(way, caller, group);
        }
      }
    }
  }
}

// The first request of the class that the policy allows with statement `index` deciding,
// in the order: constraint, caller, action group, resource. probes::Decider runs the quick
// search over every class first, then the exact engine over every resource the check's
// patterns cover and every region of the other condition keys (docs/query.md).
std::optional<Hit> find_for_statement(const Check& check, const policy::Policy& policy, std::size_t index,
                                      const std::vector<Variant>& ways, const std::vector<Caller>& callers,
                                      const std::vector<ActionGroup>& groups) {
  const policy::Statement& st = policy.statements[index];
  const auto resources = distinct_resources(policy, index, resources_for(check.query, policy, st));
  // The statement and the Deny statements decide whether a request is allowed with this
  // statement among the deciding ones; the other Allow statements cannot change that. The
  // search runs on that smaller policy, so it varies only the keys they mention.
  const policy::Policy focus = focused(policy, index);
  const std::array<const policy::Policy*, 1> focus_set{&focus};
  const std::array<const policy::Policy*, 1> whole{&policy};
  const probes::Target target{whole, &st, focus_set, &focus.statements.front()};
  const bool trust = policy.kind == policy::PolicyKind::trust;
  struct Tagged {
    const Variant* way;
    const Caller* caller;
    const ActionGroup* group;
  };
  std::vector<Tagged> tags;
  std::vector<probes::Instance> quick;
  std::vector<probes::Class> exact;
  for_each_class(policy, index, ways, callers, groups, [&](const Variant& way, const Caller& caller, const ActionGroup& group) {
    const std::size_t tag = tags.size();
    tags.push_back(Tagged{&way, &caller, &group});
    for (const std::string& resource : resources) {
      query::SearchSpace space = space_for(check, way, caller, group.representative, resource);
      if (!fixed_keys_exclude(policy, st, space)) {
        quick.push_back(probes::Instance{std::move(space), tag});
      }
    }
    query::SearchSpace space = space_for(check, way, caller, group.representative, trust ? "*" : "");
    if (!fixed_keys_exclude(policy, st, space)) {
      probes::Class c{std::move(space)};
      c.own_action = true;
      c.resources = check.query.resources;
      c.tag = tag;
      exact.push_back(std::move(c));
    }
  });
  probes::Decider decider(focus_set, nullptr);
  auto decided = decider.allowed(target, quick, exact);
  if (!decided) {
    return std::nullopt;
  }
  const Tagged& t = tags[decided->tag];
  return Hit{std::move(decided->found), t.way, t.caller, t.group->size};
}

void report(const Check& check, const policy::Policy& policy, const policy::Statement& st, const Hit& hit,
            engine::RuleContext& ctx) {
  MessageFields fields;
  fields.statement = st.label();
  fields.action = hit.found.request.action;
  fields.resource = hit.found.request.resource;
  fields.principal = hit.caller->description;
  fields.when = hit.way->description;
  fields.kind = std::string(policy::kind_name(policy.kind));
  fields.code = check.code;
  fields.name = check.name;
  auto& d = ctx.report(token_for(check, st, hit.found.request), "{}", render_message(check.message, fields));
  d.statement = st.label();
  std::vector<std::string> absent = hit.way->absent;
  for (const FixedKey& k : check.query.context) {
    if (!k.values) {
      absent.push_back(k.key);
    }
  }
  std::string note = hit.caller->description;
  if (!hit.way->description.empty()) {
    note += ", " + hit.way->description;
  }
  if (hit.group_size > 1) {
    note += fmt::format("; {} of the check's actions are allowed alike", hit.group_size);
  }
  d.counterexample = probes::counterexample(hit.found, std::move(absent), std::move(note));
}

} // namespace

void run_check(const Check& check, const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (!applies(check, unit)) {
    return;
  }
  const policy::Policy& policy = unit.policy;
  const auto callers = callers_for(check.query.principal, policy);
  if (callers.empty()) {
    return;
  }
  const auto groups =
      group_actions(policy, check.query.actions, unit.catalog != nullptr ? *unit.catalog : catalog::embedded_catalog());
  if (groups.empty()) {
    return;
  }
  const auto ways = variants(check.query, policy);
  for (std::size_t index = 0; index < policy.statements.size(); ++index) {
    const policy::Statement& st = policy.statements[index];
    if (!st.evaluable || st.effect != policy::Effect::allow) {
      continue;
    }
    if (const auto hit = find_for_statement(check, policy, index, ways, callers, groups)) {
      report(check, policy, st, *hit, ctx);
    }
  }
}

} // namespace policylint::custom
