#include <policylint/query/engine.hpp>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/conditions.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/eval/principal_match.hpp>
#include <policylint/query/automaton.hpp>
#include <policylint/query/mask_memo.hpp>
#include <policylint/query/resource_types.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace policylint::query {

namespace {

using Bits = std::vector<char>; // one flag per statement; small and comparable

// A condition (or a statement's variable-dependent Resource) and the keys its result depends on.
struct Check {
  const policy::Condition* condition = nullptr; // nullptr: the statement's shape (Resource with variables)
  bool variables = false;
  std::vector<std::string> deps; // lower-case keys
};

struct Stmt {
  const policy::Policy* policy = nullptr;
  const policy::Statement* statement = nullptr;
  bool baseline = false;
  bool allow = false;
  bool resource_dynamic = false; // Resource holds policy variables: decided during the search
  policy::Statement shape;       // the statement without conditions (for resource_dynamic)
  std::vector<Check> checks;
};

constexpr std::size_t k_max_steps = 2'000'000;

const std::string k_unlisted_service_action = "policylint-unlisted:UnlistedAction";
const std::string k_unlisted_resource = "arn:aws:policylint:us-east-1:000000000000:unlisted/policylint";
const std::string k_outsider = "arn:aws:iam::999988887777:user/policylint-outsider";

// Typed request space: an action's signature when its resource types do not tell it apart.
constexpr std::uint32_t k_sig_any = UINT32_MAX;             // outside the catalog: any resource
constexpr std::uint32_t k_sig_star = UINT32_MAX - 1;        // no resource type: "*" only
constexpr std::uint32_t k_sig_unnamed = UINT32_MAX - 2;     // types of services no pattern names

// A pattern that matches every ARN (and so cannot tell resource types apart).
bool covers_every_arn(std::string_view pattern) {
  if (pattern.find_first_not_of('*') == std::string_view::npos) {
    return true;
  }
  return pattern.starts_with("arn:") && pattern.ends_with("*") &&
         pattern.substr(4).find_first_not_of("*:") == std::string_view::npos;
}

// A readable instance of a resource pattern: each wildcard becomes 'x', except an ARN's region
// or account made of wildcards only ("*", "????????????"), which become us-east-1 and AWS's
// documentation account, so a counterexample reads arn:aws:lambda:us-east-1:111122223333:...
// rather than arn:aws:lambda:x:xxxxxxxxxxxx:...
std::string resource_instance(std::string_view pattern) {
  static constexpr std::array<std::string_view, 5> k_segment_stand_in{"", "", "", k_stand_in_region, k_stand_in_account};
  const bool arn = pattern.starts_with("arn:");
  std::string out;
  std::size_t segment = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const bool segment_start = i > 0 && pattern[i - 1] == ':';
    if (arn && segment_start && segment < k_segment_stand_in.size() && !k_segment_stand_in[segment].empty()) {
      const std::size_t end = std::min(pattern.find(':', i), pattern.size());
      const std::string_view field = pattern.substr(i, end - i);
      if (!field.empty() && field.find_first_not_of("*?") == std::string_view::npos) {
        out += k_segment_stand_in[segment];
        i = end - 1;
        continue;
      }
    }
    const char c = pattern[i];
    if (c == ':') {
      ++segment;
    }
    out += (c == '*' || c == '?') ? 'x' : c;
  }
  return out;
}

} // namespace

struct Engine::Impl {
  const catalog::Catalog* catalog = nullptr;
  std::vector<const policy::Policy*> primary;
  std::vector<const policy::Policy*> baseline;
  std::vector<Stmt> stmts;
  std::map<std::string, std::vector<KeyCondition>> conditions_by_key;
  std::set<std::string> variable_linked;
  std::map<std::string, KeyDomain> domains;
  bool exact = true;
  std::size_t steps = 0; // search steps of the current query (see k_max_steps)
  bool any_resource_statement = false; // some statement is not a trust policy's

  // ---- the typed request space (Query::typed_resources, docs/query.md) ----
  bool typed = false; // the current query asks for it, and some Resource can constrain it
  const ResourceTypeTable* type_table = nullptr;  // set on the first typed query
  std::unique_ptr<ResourceTypeTable> own_type_table; // when the catalog is not the embedded one
  std::set<std::string> named_services;           // ARN services some Resource pattern writes literally
  std::set<std::string> partitions;               // "aws" and every literal partition the patterns write
  bool narrow_global = false;                     // a pattern of no literal service that misses some ARN
  // Per representative action: the members of its class with other resource types.
  const std::map<std::string, std::vector<std::string>>* current_alternates = nullptr;
  std::vector<std::uint32_t> current_types; // resource types of the actions being searched
  std::unordered_map<std::string, std::uint32_t> listed_actions; // typed: class members → catalog index

  // ---- per query ----
  const Query* query = nullptr;
  std::vector<policy::Condition> constraint_conditions;
  std::vector<Check> constraint_checks;
  std::map<std::string, KeyDomain> query_domains; // keys the constraints touch
  std::optional<std::vector<std::pair<std::string, Bits>>> resources_cache;
  // Resource classes depend only on the statements and the query's resource patterns.
  std::map<std::vector<std::string>, std::vector<std::pair<std::string, Bits>>> resource_classes_by_patterns;
  std::map<std::vector<std::string>, bool> resource_classes_exact;
  std::unordered_map<std::string, Common> instance_memo; // instance_for, per query resources and action
  struct ActionClasses {
    std::vector<std::pair<std::string, Bits>> reps;
    std::map<std::string, std::vector<std::string>> alternates; // typed: rep → members of other types
    // Typed: actions of types no pattern names stood in for one another although a narrow
    // pattern of no literal service could tell them apart (type_signature): not a proof.
    bool collapsed = false;
  };
  std::map<std::vector<std::string>, ActionClasses> action_classes_by_patterns;

  const std::vector<std::pair<std::string, Bits>>& cached_action_classes() {
    std::vector<std::string> key = query->actions;
    key.emplace_back(query->split_by_service ? "\n1" : "\n0");
    key.emplace_back(typed ? "\nT" : "\n-");
    std::string levels = "\n";
    for (const auto level : query->access_levels) {
      levels += std::to_string(static_cast<int>(level));
    }
    key.push_back(std::move(levels));
    auto it = action_classes_by_patterns.find(key);
    if (it == action_classes_by_patterns.end()) {
      it = action_classes_by_patterns.emplace(key, action_classes()).first;
    }
    current_alternates = &it->second.alternates;
    exact = exact && !it->second.collapsed;
    return it->second.reps;
  }
  std::optional<std::vector<std::pair<std::string, Bits>>> principals_cache;

  void add_policies(std::span<const policy::Policy* const> policies, bool is_baseline) {
    for (const policy::Policy* p : policies) {
      if (p == nullptr) {
        continue;
      }
      (is_baseline ? baseline : primary).push_back(p);
      const bool variables = p->variables_enabled();
      for (const auto& st : p->statements) {
        if (!st.evaluable || !st.effect) {
          continue;
        }
        Stmt s;
        s.policy = p;
        s.statement = &st;
        s.baseline = is_baseline;
        s.allow = *st.effect == policy::Effect::allow;
        any_resource_statement = any_resource_statement || p->kind != policy::PolicyKind::trust;
        if (variables && p->kind != policy::PolicyKind::trust) {
          std::vector<std::string> deps;
          for (const auto& r : st.resource.values) {
            for (auto& k : variable_keys(r.value)) {
              deps.push_back(std::move(k));
            }
          }
          if (!deps.empty()) {
            s.resource_dynamic = true;
            s.shape = st;
            s.shape.conditions.clear();
            for (const auto& k : deps) {
              variable_linked.insert(k);
            }
            s.checks.push_back(Check{nullptr, variables, deps});
          }
        }
        for (const auto& c : st.conditions) {
          Check check{&c, variables, {to_lower(c.key.value)}};
          conditions_by_key[check.deps.front()].push_back(KeyCondition{&c, variables});
          if (variables) {
            for (const auto& v : c.values) {
              for (auto& k : variable_keys(v.text)) {
                variable_linked.insert(k);
                variable_linked.insert(check.deps.front());
                check.deps.push_back(std::move(k));
              }
            }
          }
          s.checks.push_back(std::move(check));
        }
        stmts.push_back(std::move(s));
      }
    }
  }

  const KeyDomain& domain(const std::string& key) {
    if (auto it = query_domains.find(key); it != query_domains.end()) {
      return it->second;
    }
    auto it = domains.find(key);
    if (it == domains.end()) {
      const auto& kcs = conditions_by_key[key];
      it = domains.emplace(key, build_domain(key, kcs, variable_linked.contains(key))).first;
    }
    return it->second;
  }

  void prepare(const Query& q) {
    query = &q;
    query_domains.clear();
    constraint_conditions.clear();
    constraint_checks.clear();
    resources_cache.reset();
    principals_cache.reset();
    exact = true;
    steps = 0;
    typed = q.typed_resources && any_resource_statement && catalog != nullptr && catalog->action_count() > 0;
    current_alternates = nullptr;
    current_types.clear();
    if (typed) {
      prepare_typed();
    }
    for (const auto& kc : q.constraints) {
      policy::Condition c;
      c.operator_text.value = kc.op;
      c.op = policy::parse_operator(kc.op);
      c.key.value = kc.key;
      for (const auto& v : kc.values) {
        c.values.push_back(policy::ConditionValue{v, {}, policy::ValueType::string});
      }
      constraint_conditions.push_back(std::move(c));
    }
    for (const auto& c : constraint_conditions) {
      constraint_checks.push_back(Check{&c, false, {to_lower(c.key.value)}});
    }
    for (const auto& c : constraint_conditions) {
      const std::string key = to_lower(c.key.value);
      if (query_domains.contains(key)) {
        continue;
      }
      std::vector<KeyCondition> kcs = conditions_by_key[key];
      for (const auto& other : constraint_conditions) {
        if (to_lower(other.key.value) == key) {
          kcs.push_back(KeyCondition{&other, false});
        }
      }
      query_domains.emplace(key, build_domain(key, kcs, variable_linked.contains(key)));
    }
  }

  // ---- the typed request space ----

  void prepare_typed() {
    if (type_table == nullptr) {
      type_table = shared_type_table(*catalog);
    }
    if (type_table == nullptr) {
      own_type_table = std::make_unique<ResourceTypeTable>(*catalog);
      type_table = own_type_table.get();
    }
    named_services.clear();
    partitions = {"aws"};
    narrow_global = false;
    auto add = [&](const std::string& text) {
      const auto arn = eval::parse_arn(text);
      if (arn && !eval::has_wildcard(arn->partition) && !eval::has_wildcard(arn->service)) {
        named_services.emplace(arn->service);
        partitions.emplace(arn->partition);
      } else if (!covers_every_arn(text)) {
        narrow_global = true;
      }
    };
    for (const auto& s : stmts) {
      if (s.policy->kind != policy::PolicyKind::trust) {
        for (const auto& v : s.statement->resource.values) {
          add(v.value);
        }
      }
    }
    for (const auto& r : query->resources) {
      add(r);
    }
  }

  // What tells an action's requests apart by resource type: its types where a Resource pattern
  // names their service (only there can two ARNs of different types be told apart), "*" only,
  // or "some type of a service no pattern names" (its simplest ARN stands for all; exact unless
  // a narrow pattern of no literal service, "arn:aws:*:*:111122223333:*", could tell them apart,
  // where telling every type apart would multiply the search by the catalog's types).
  std::vector<std::uint32_t> type_signature(std::optional<std::uint32_t> action) const {
    if (!action) {
      return {k_sig_any};
    }
    if (catalog->action_at(*action).wildcard_only()) {
      return {k_sig_star};
    }
    if (named_services.empty()) {
      return {k_sig_unnamed}; // without compiling its types
    }
    const auto& types = type_table->types_of(*action);
    const bool named = std::any_of(types.begin(), types.end(), [&](std::uint32_t t) {
      return named_services.contains(type_table->type(t).service);
    });
    return named ? types : std::vector<std::uint32_t>{k_sig_unnamed};
  }

  // The resource types of an action (nullptr: outside the catalog, any resource).
  const std::vector<std::uint32_t>* action_types(const std::string& action) const {
    if (const auto it = listed_actions.find(action); it != listed_actions.end()) {
      return &type_table->types_of(it->second);
    }
    const auto a = catalog->find_action(action);
    return a ? &type_table->types_of(a->index()) : nullptr;
  }

  // Whether a request for an action of `types` may name a resource of the types `matched`
  // (both ascending; the resource is `*` when `star`).
  static bool fits(const std::vector<std::uint32_t>* types, const std::vector<std::uint32_t>& matched, bool star) {
    if (types == nullptr) {
      return true;
    }
    if (types->empty() || star) {
      return types->empty() && star;
    }
    for (std::size_t i = 0, j = 0; i < types->size() && j < matched.size();) {
      if ((*types)[i] == matched[j]) {
        return true;
      }
      (*types)[i] < matched[j] ? ++i : ++j;
    }
    return false;
  }

  // The current actions' resource types that `resource` is an ARN of, ascending.
  std::vector<std::uint32_t> types_matched(const std::string& resource) const {
    std::vector<std::uint32_t> out;
    const auto arn = eval::parse_arn(resource);
    if (!arn) {
      return out; // "*", or no ARN at all
    }
    for (const std::uint32_t t : current_types) {
      const auto& type = type_table->type(t);
      if ((type.service.empty() || type.service == arn->service) && type_table->matches(t, resource)) {
        out.push_back(t);
      }
    }
    return out;
  }

  // ---- actions ----

  static bool action_element_applies(const Stmt& s, std::string_view action) {
    return eval::action_element_covers(s.statement->action, action);
  }

  // The query's access-level filter (Query::access_levels).
  bool level_wanted(const catalog::Action& action) const {
    return query->access_levels.empty() || std::find(query->access_levels.begin(), query->access_levels.end(),
                                                     action.access_level()) != query->access_levels.end();
  }

  bool query_action_matches(std::string_view action) const {
    return query->actions.empty() || std::any_of(query->actions.begin(), query->actions.end(), [&](const std::string& p) {
             return eval::action_matches(p, action);
           });
  }

  struct ActionCandidate {
    std::string name;
    std::optional<std::uint32_t> index; // catalog index, when the catalog lists it
    bool stand_in = false;              // stands for the actions of services no pattern names
  };

  // A query naming only actions the catalog lists admits no other candidate: skip the walk
  // over the services below (escalation steps ask about one action at a time).
  std::optional<std::vector<ActionCandidate>> literal_candidates() const {
    if (query->actions.empty() || catalog == nullptr || catalog->action_count() == 0) {
      return std::nullopt;
    }
    std::vector<std::uint32_t> indexes;
    for (const auto& p : query->actions) {
      const auto a = eval::has_wildcard(p) ? std::nullopt : catalog->find_action(p);
      if (!a) {
        return std::nullopt;
      }
      indexes.push_back(a->index());
    }
    std::sort(indexes.begin(), indexes.end()); // catalog order, as the walk below yields them
    indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    std::vector<ActionCandidate> out;
    for (const auto i : indexes) {
      out.push_back({std::string(catalog->action_at(i).name()), i});
    }
    return out;
  }

  std::vector<ActionCandidate> action_candidates() const {
    if (auto literal = literal_candidates()) {
      return std::move(*literal);
    }
    // Every pattern the statements and the query write; the services they name.
    std::vector<std::string> patterns = query->actions;
    for (const auto& s : stmts) {
      for (const auto& v : s.statement->action.values) {
        patterns.push_back(v.value);
      }
    }
    std::set<std::string> services;
    bool wildcard_service = false;
    std::vector<std::string> extra; // actions outside the catalog
    for (const auto& p : patterns) {
      if (p == "*") {
        continue;
      }
      const auto colon = p.find(':');
      if (colon == std::string::npos || eval::has_wildcard(p.substr(0, colon))) {
        wildcard_service = true;
        continue;
      }
      const std::string service = to_lower(p.substr(0, colon));
      services.insert(service);
      // A literal name the catalog does not list (a typo, a newer action) is its own class.
      if (!eval::has_wildcard(p) && (catalog == nullptr || !catalog->find_action(p)) &&
          std::find(extra.begin(), extra.end(), p) == extra.end()) {
        extra.push_back(p);
      }
    }
    std::vector<ActionCandidate> out;
    if (catalog == nullptr || catalog->action_count() == 0) {
      for (const auto& p : patterns) {
        std::string simple;
        for (char c : p) {
          simple += (c == '*' || c == '?') ? std::string("x") : std::string(1, c);
        }
        out.push_back({simple, std::nullopt});
      }
    } else if (wildcard_service) {
      for (std::uint32_t i = 0; i < catalog->action_count(); ++i) {
        out.push_back({std::string(catalog->action_at(i).name()), i});
      }
    } else {
      bool unmentioned_done = false;
      // Typed: the actions of unnamed services differ only by their resource types, so each
      // signature of them (type_signature) needs one stand-in, when a statement reaches them.
      const bool expand_unmentioned = typed && unmentioned_reachable();
      // Without a service named in a Resource, the signatures are "*" only and "some type".
      const std::size_t all_signatures = named_services.empty() ? 2 : SIZE_MAX;
      std::set<std::vector<std::uint32_t>> unmentioned_signatures;
      for (const auto& service : catalog->services()) {
        const bool mentioned = services.contains(to_lower(service.prefix()));
        if (!mentioned && (expand_unmentioned ? unmentioned_signatures.size() == all_signatures : unmentioned_done)) {
          continue;
        }
        bool taken = false;
        for (const auto& a : service.actions()) {
          if (!mentioned && !level_wanted(a)) {
            continue;
          }
          if (!mentioned && expand_unmentioned) {
            if (unmentioned_signatures.insert(type_signature(a.index())).second) {
              out.push_back({std::string(a.name()), a.index(), true});
            }
            continue;
          }
          out.push_back({std::string(a.name()), a.index()});
          taken = true;
          if (!mentioned) {
            break; // every action of a service no pattern names is treated alike
          }
        }
        unmentioned_done = unmentioned_done || (!mentioned && taken);
      }
    }
    for (auto& e : extra) {
      out.push_back({std::move(e), std::nullopt});
    }
    for (const auto& service : services) {
      out.push_back({service + ":PolicylintUnlistedAction", std::nullopt});
    }
    out.push_back({k_unlisted_service_action, std::nullopt});
    return out;
  }

  // Whether a statement's Action element can match an action of a service no pattern names:
  // "*" or NotAction.
  bool unmentioned_reachable() const {
    return std::any_of(stmts.begin(), stmts.end(), [](const Stmt& s) {
      const auto& a = s.statement->action;
      return a.negated || std::any_of(a.values.begin(), a.values.end(), [](const policy::Text& v) { return v.value == "*"; });
    });
  }

  // An Action element as a mask over the catalog (fast, catalog::Catalog::match_mask) plus the
  // patterns the catalog cannot expand (a wildcard in the service prefix, no colon), which are
  // matched one by one like the evaluator does.
  struct ActionMatcher {
    std::vector<bool> mask;
    std::vector<std::string> slow;
    const policy::ValueList* element = nullptr;
    bool negated = false;
  };

  ActionMatcher matcher_for(const policy::ValueList& element, const std::vector<std::string>* patterns) const {
    ActionMatcher m;
    m.element = &element;
    m.negated = element.negated;
    std::vector<std::string_view> fast;
    auto add = [&](const std::string& p) {
      const auto colon = p.find(':');
      if (p == "*" || (colon != std::string::npos && !eval::has_wildcard(p.substr(0, colon)))) {
        fast.emplace_back(p);
      } else {
        m.slow.push_back(p);
      }
    };
    if (patterns != nullptr) {
      for (const auto& p : *patterns) {
        add(p);
      }
    } else {
      for (const auto& v : element.values) {
        add(v.value);
      }
    }
    // Statements repeat their Action lists (a generated policy, 4,000 copies of "*"): each
    // distinct list is expanded against the catalog once per engine.
    std::string key;
    for (std::string_view p : fast) {
      key.append(p).push_back('\n');
    }
    auto [it, fresh] = mask_cache.try_emplace(std::move(key));
    if (fresh) {
      it->second = shared_match_mask(*catalog, it->first, fast);
    }
    m.mask = it->second;
    return m;
  }
  mutable std::unordered_map<std::string, std::vector<bool>> mask_cache; // Action list → catalog mask

  static bool matcher_applies(const ActionMatcher& m, const ActionCandidate& a) {
    bool any = a.index && *a.index < m.mask.size() && m.mask[*a.index];
    any = any || std::any_of(m.slow.begin(), m.slow.end(), [&](const std::string& p) { return eval::action_matches(p, a.name); });
    return m.negated ? !any : any;
  }

  // The statements' Action elements as catalog masks: they do not depend on the query.
  std::optional<std::vector<ActionMatcher>> statement_matchers;

  // One action per class; with `bits` the statements whose Action element matches it.
  ActionClasses action_classes() {
    ActionClasses classes;
    std::vector<std::pair<std::string, Bits>>& out = classes.reps;
    std::map<std::pair<Bits, std::string>, std::size_t> seen; // → its class in out
    std::vector<std::set<std::vector<std::uint32_t>>> signatures; // typed: per class, those taken
    const bool use_catalog = catalog != nullptr && catalog->action_count() > 0;
    std::optional<ActionMatcher> query_matcher;
    if (use_catalog && !statement_matchers) {
      statement_matchers.emplace();
      for (const auto& s : stmts) {
        statement_matchers->push_back(matcher_for(s.statement->action, nullptr));
      }
    }
    const std::vector<ActionMatcher> no_matchers;
    const std::vector<ActionMatcher>& matchers = use_catalog ? *statement_matchers : no_matchers;
    if (use_catalog) {
      if (!query->actions.empty()) {
        policy::ValueList none;
        query_matcher = matcher_for(none, &query->actions);
      }
    }
    for (auto& candidate : action_candidates()) {
      const bool listed = use_catalog && candidate.index.has_value();
      if (listed ? (query_matcher && !matcher_applies(*query_matcher, candidate)) : !query_action_matches(candidate.name)) {
        continue;
      }
      if (!query->access_levels.empty() && (!listed || !level_wanted(catalog->action_at(*candidate.index)))) {
        continue; // only actions the catalog lists have an access level
      }
      Bits bits(stmts.size());
      for (std::size_t i = 0; i < stmts.size(); ++i) {
        const bool applies = listed ? stmts[i].statement->action.present && matcher_applies(matchers[i], candidate)
                                    : action_element_applies(stmts[i], candidate.name);
        bits[i] = applies ? 1 : 0;
      }
      // Typed stand-ins of unnamed services are one class (as the single untyped stand-in is),
      // whatever services they come from.
      const std::string service = !query->split_by_service ? ""
                                  : candidate.stand_in    ? "\n*"
                                                          : to_lower(candidate.name.substr(0, candidate.name.find(':')));
      const auto [at, inserted] = seen.emplace(std::pair{bits, service}, out.size());
      if (typed) {
        // A class whose actions take different resource types keeps one member per type
        // signature beside its representative: s3:* on a bucket is tried as ListBucket too.
        auto signature = type_signature(listed ? candidate.index : std::nullopt);
        classes.collapsed = classes.collapsed || (narrow_global && signature == std::vector<std::uint32_t>{k_sig_unnamed});
        if (listed) {
          listed_actions.emplace(candidate.name, *candidate.index);
        }
        if (inserted) {
          signatures.push_back({std::move(signature)});
        } else if (signatures[at->second].insert(std::move(signature)).second) {
          classes.alternates[out[at->second].first].push_back(std::move(candidate.name));
          continue;
        }
      }
      if (inserted) {
        out.emplace_back(std::move(candidate.name), std::move(bits));
      }
    }
    return classes;
  }

  // ---- resources ----

  bool resource_element_applies(const Stmt& s, const std::string& resource) const {
    if (s.policy->kind == policy::PolicyKind::trust || s.resource_dynamic) {
      return true; // trust: not checked; dynamic: decided with the context during the search
    }
    const auto& r = s.statement->resource;
    if (!r.present) {
      return false;
    }
    const bool any = std::any_of(r.values.begin(), r.values.end(),
                                 [&](const policy::Text& v) { return eval::resource_matches(v.value, resource); });
    return r.negated ? !any : any;
  }

  bool instantiated_resource_applies(const Stmt& s, const std::string& resource) const {
    const auto& r = s.statement->resource;
    const bool any = std::any_of(r.values.begin(), r.values.end(), [&](const policy::Text& v) {
      return eval::resource_matches(with_variables_instantiated(v.value), resource);
    });
    return r.negated ? !any : any;
  }

  // Every combination of patterns some ARN matches. ARN patterns whose partition and service
  // are literal can only match ARNs of that service, so each service is walked on its own (with
  // the patterns that could match any service); one more walk covers ARNs of no named service.
  // Managed policies list hundreds of wildcard ARNs: past a bound the walk stops and the
  // patterns' simplest instances stand in (inexact, reported).
  std::vector<std::string> resource_witnesses(const std::vector<std::string>& texts, const std::vector<std::string>& seeds) {
    std::map<std::string, std::vector<Pattern>> groups; // "arn:P:S:" → its patterns
    std::vector<Pattern> global;
    for (const auto& t : texts) {
      const auto arn = eval::parse_arn(t);
      if (arn && !eval::has_wildcard(arn->partition) && !eval::has_wildcard(arn->service)) {
        groups["arn:" + std::string(arn->partition) + ":" + std::string(arn->service) + ":"].push_back(resource_pattern(t));
      } else {
        global.push_back(resource_pattern(t));
      }
    }
    if (typed) {
      add_type_formats(groups);
    }
    std::vector<std::string> out = seeds;
    std::unordered_set<std::string> seen(out.begin(), out.end());
    auto walk = [&](std::vector<Pattern> patterns) {
      Witnesses w = witnesses(patterns, {}, 2000);
      exact = exact && w.complete;
      for (auto& v : w.values) {
        if (seen.insert(v).second) {
          out.push_back(std::move(v));
        }
      }
    };
    std::vector<Pattern> none = global;
    for (auto& [prefix, patterns] : groups) {
      none.push_back(glob_pattern(prefix + "*"));
      patterns.insert(patterns.end(), global.begin(), global.end());
      walk(std::move(patterns));
    }
    walk(std::move(none));
    return out;
  }

  // Typed: the current actions' resource-type formats join their service's walk, so that every
  // combination of patterns is also realised inside each format and outside it (a bucket name
  // holds no '/': the exclusion is walked too). A service no literal pattern names needs no walk
  // unless a narrow pattern of no literal service could tell its ARNs apart: only patterns that
  // match every ARN apply there, and each format's simplest ARN (a seed) stands for all of it.
  void add_type_formats(std::map<std::string, std::vector<Pattern>>& groups) {
    constexpr std::size_t k_max_unnamed_walks = 32;
    std::map<std::string, std::vector<Pattern>> unnamed;
    for (const std::uint32_t t : current_types) {
      const auto& type = type_table->type(t);
      if (type.service.empty()) {
        continue;
      }
      for (const auto& partition : partitions) {
        const ArnFormat f = arn_format(type.arn_template, partition);
        const std::string prefix = "arn:" + partition + ":" + type.service + ":";
        auto g = groups.find(prefix);
        if (g == groups.end()) {
          if (!narrow_global) {
            continue;
          }
          g = unnamed.try_emplace(prefix).first;
        }
        g->second.push_back(arn_like_pattern(f.glob));
        if (!f.exclude.empty()) {
          g->second.push_back(arn_like_pattern(f.exclude));
        }
      }
    }
    if (unnamed.size() > k_max_unnamed_walks) {
      exact = false; // the others rely on their formats' simplest ARNs
    }
    std::size_t taken = 0;
    for (auto& [prefix, patterns] : unnamed) {
      if (taken++ == k_max_unnamed_walks) {
        break;
      }
      groups.emplace(prefix, std::move(patterns));
    }
  }

  // "arn:P:S:" of each ARN pattern the query restricts resources to, when every one names its
  // partition and service literally; nullopt otherwise. Only patterns of those services (or of
  // any service) can tell apart the query's resources, so the walk below skips the others:
  // escalation steps ask about IAM roles in documents that list hundreds of other ARNs.
  std::optional<std::set<std::string>> query_services() const {
    if (query->resources.empty()) {
      return std::nullopt;
    }
    std::set<std::string> out;
    for (const auto& p : query->resources) {
      const auto arn = eval::parse_arn(p);
      if (!arn || eval::has_wildcard(arn->partition) || eval::has_wildcard(arn->service)) {
        return std::nullopt;
      }
      out.insert(service_prefix(*arn));
    }
    return out;
  }

  static std::string service_prefix(const eval::ArnParts& arn) {
    return "arn:" + std::string(arn.partition) + ":" + std::string(arn.service) + ":";
  }

  static bool could_share_service(const std::string& text, const std::set<std::string>& services) {
    const auto arn = eval::parse_arn(text);
    if (!arn || eval::has_wildcard(arn->partition) || eval::has_wildcard(arn->service)) {
      return true;
    }
    return services.count(service_prefix(*arn)) != 0;
  }

  // walk == false: only the patterns' simplest instances (a cheap first pass: any request it
  // finds is as good; only "none" needs the full walk).
  // `relevant`: the statements some action of the query can reach; the others' Resource
  // patterns cannot change an answer, so they neither seed nor split the classes.
  std::vector<std::pair<std::string, Bits>> resource_classes(bool walk, const Bits& relevant) {
    std::vector<std::string> values;
    if (query->resource) {
      values.push_back(*query->resource);
    } else {
      std::vector<std::string> texts = query->resources;
      const std::optional<std::set<std::string>> services = query_services();
      for (std::size_t i = 0; i < stmts.size(); ++i) {
        const Stmt& s = stmts[i];
        if (s.policy->kind == policy::PolicyKind::trust || relevant[i] == 0) {
          continue;
        }
        for (const auto& v : s.statement->resource.values) {
          std::string text = s.policy->variables_enabled() ? with_variables_instantiated(v.value) : v.value;
          if (services && !could_share_service(text, *services)) {
            continue; // matches no ARN the query admits: it cannot split the query's classes
          }
          texts.push_back(std::move(text));
        }
      }
      // A repeated pattern (4,000 statements on "*") adds nothing but cost: each value below
      // is tested against every statement. Linear in the document's patterns.
      std::unordered_set<std::string> distinct_texts;
      std::erase_if(texts, [&](const std::string& t) { return !distinct_texts.insert(t).second; });
      std::vector<std::string> walked;
      std::vector<std::string> seeds{"*"};
      for (const auto& t : texts) {
        std::string simple;
        std::string shortest;
        for (char c : t) {
          simple += (c == '*' || c == '?') ? std::string("x") : std::string(1, c);
          shortest += c == '*' ? std::string() : c == '?' ? std::string("x") : std::string(1, c);
        }
        seeds.push_back(resource_instance(t)); // first: the readable one stands for its class
        seeds.push_back(std::move(simple));
        seeds.push_back(std::move(shortest));
        if (t.size() > 4096) {
          exact = false;
        } else {
          walked.push_back(t); // distinct already
        }
      }
      seeds.push_back(k_unlisted_resource);
      if (typed) {
        for (const std::uint32_t t : current_types) { // each resource type's simplest ARN
          for (const auto& partition : partitions) {
            seeds.push_back(simplest_arn(type_table->type(t).arn_template, partition));
          }
        }
        // A pattern's instance one path level down ("arn:aws:s3:::acme-x/x" for "acme-*"): a
        // readable object of a bucket pattern, where the walk's shortest one would be "acme-//".
        for (const auto& t : texts) {
          std::string down = resource_instance(t) + "/x";
          if (!types_matched(down).empty()) {
            seeds.push_back(std::move(down));
          }
        }
      }
      values = walk ? resource_witnesses(walked, seeds) : seeds;
    }
    return classes_of(std::move(values), relevant);
  }

  // The values that the query admits, one per class of statements they make apply.
  std::vector<std::pair<std::string, Bits>> classes_of(std::vector<std::string> values, const Bits& relevant) const {
    std::vector<std::pair<std::string, Bits>> out;
    std::set<Bits> seen;
    std::unordered_set<std::string> tried; // the same value twice gives the same bits
    for (auto& r : values) {
      if (!tried.insert(r).second) {
        continue;
      }
      if (!query->resource && !query->resources.empty() &&
          std::none_of(query->resources.begin(), query->resources.end(),
                       [&](const std::string& p) { return eval::resource_matches(p, r); })) {
        continue;
      }
      Bits bits(stmts.size());
      Bits distinct(stmts.size()); // dynamic statements: told apart by their instantiated patterns
      for (std::size_t i = 0; i < stmts.size(); ++i) {
        if (relevant[i] == 0) {
          continue; // no action of the query reaches it: its bit never counts
        }
        bits[i] = resource_element_applies(stmts[i], r) ? 1 : 0;
        distinct[i] = stmts[i].resource_dynamic ? (instantiated_resource_applies(stmts[i], r) ? 1 : 0) : bits[i];
      }
      if (typed) { // values of different resource types are different classes
        distinct.push_back(r == "*" ? 1 : 0);
        for (const std::uint32_t t : types_matched(r)) {
          distinct.push_back(static_cast<char>(t & 0x7F)); // the type's index, 7 bits at a time
          distinct.push_back(static_cast<char>((t >> 7) & 0x7F));
          distinct.push_back(static_cast<char>((t >> 14) & 0x7F));
          distinct.push_back(static_cast<char>(t >> 21));
        }
      }
      if (seen.insert(distinct).second) {
        out.emplace_back(std::move(r), std::move(bits));
      }
    }
    return out;
  }

  // ---- principals ----

  std::vector<std::pair<std::string, Bits>> principal_classes() {
    std::vector<std::string> values;
    const bool identity_only = std::all_of(stmts.begin(), stmts.end(), [](const Stmt& s) {
      return s.policy->kind == policy::PolicyKind::identity;
    });
    if (query->principal) {
      values.push_back(*query->principal);
    } else if (identity_only) {
      values.emplace_back(); // identity policies never look at the caller
    } else {
      for (const auto& s : stmts) {
        if (s.policy->kind == policy::PolicyKind::identity) {
          continue;
        }
        for (const auto& pv : s.statement->principal.values) {
          const std::string& v = pv.value.value;
          const bool account = v.size() == 12 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
          if (pv.type == "AWS" && account) {
            values.push_back("arn:aws:iam::" + v + ":user/policylint-user");
          } else if (pv.type == "AWS" && v.starts_with("arn:") && v.ends_with(":root")) {
            const auto parts = eval::parse_arn(v);
            if (parts) {
              values.push_back("arn:" + std::string(parts->partition) + ":iam::" + std::string(parts->account) +
                               ":user/policylint-user");
            }
          } else {
            values.push_back(v);
          }
        }
      }
      values.push_back(k_outsider);
      values.emplace_back("*");
      exact = false; // principals: the named ones, an outsider and anonymous (docs/query.md)
    }
    std::vector<std::pair<std::string, Bits>> out;
    std::set<Bits> seen;
    for (auto& p : values) {
      Bits bits(stmts.size());
      for (std::size_t i = 0; i < stmts.size(); ++i) {
        const Stmt& s = stmts[i];
        bits[i] = s.policy->kind == policy::PolicyKind::identity ||
                          (s.statement->principal.present && eval::principal_list_matches(s.statement->principal, p))
                      ? 1
                      : 0;
      }
      if (seen.insert(bits).second) {
        out.emplace_back(std::move(p), std::move(bits));
      }
    }
    return out;
  }

  // ---- the search over context keys ----

  struct Problem {
    std::vector<std::size_t> must;     // statements that must apply
    std::vector<std::size_t> must_not; // statements that must not apply
  };

  bool evaluate_check(const Check& c, const Stmt* owner, const eval::Request& request) const {
    if (c.condition == nullptr) {
      return eval::statement_applies(*owner->policy, owner->shape, request);
    }
    return eval::condition_matches(*c.condition, request, c.variables);
  }

  bool goal_met(const Found& f) const {
    const auto& e = f.evaluation;
    auto by = [&](const eval::Evaluation& ev) {
      return query->decided_by == nullptr ||
             std::any_of(ev.deciding.begin(), ev.deciding.end(),
                         [&](const eval::StatementRef& r) { return r.statement == query->decided_by; });
    };
    switch (query->outcome) {
    case Outcome::allowed:
      return e.decision == eval::Decision::allowed && by(e);
    case Outcome::explicit_deny:
      return e.decision == eval::Decision::explicit_deny && by(e);
    case Outcome::implicit_deny:
      return e.decision == eval::Decision::implicit_deny;
    case Outcome::newly_allowed:
      return e.decision == eval::Decision::allowed && by(e) && f.baseline &&
             f.baseline->decision != eval::Decision::allowed;
    }
    return false;
  }

  struct Search {
    Impl& impl;
    eval::Request request;
    std::vector<std::string> keys;
    std::vector<const KeyDomain*> domains;
    // Checks that become decidable once keys[level] is set (level -1 → index 0 = before any).
    std::vector<std::vector<std::pair<const Check*, const Stmt*>>> must_at;
    std::vector<std::vector<std::pair<const Check*, std::size_t>>> must_not_at; // index into must_not
    std::vector<std::vector<std::size_t>> must_not_done_at;
    std::vector<const Stmt*> must_not;
    std::vector<char> killed;
    std::optional<Found> found;

    bool run_level(std::size_t slot) {
      // Safety bound for adversarial input (the search is a satisfiability problem: many Denies
      // sharing many keys could take exponential time). Never reached by real policies; when
      // reached, the query stops and reports itself inexact.
      if (++impl.steps > k_max_steps) {
        impl.exact = false;
        return false;
      }
      for (const auto& [check, owner] : must_at[slot]) {
        if (!impl.evaluate_check(*check, owner, request)) {
          return false;
        }
      }
      std::vector<std::size_t> newly;
      for (const auto& [check, j] : must_not_at[slot]) {
        if (!killed[j] && !impl.evaluate_check(*check, must_not[j], request)) {
          killed[j] = 1;
          newly.push_back(j);
        }
      }
      bool ok = std::all_of(must_not_done_at[slot].begin(), must_not_done_at[slot].end(),
                            [&](std::size_t j) { return killed[j] != 0; });
      if (ok) {
        ok = descend(slot);
      }
      for (std::size_t j : newly) {
        killed[j] = 0;
      }
      return ok;
    }

    // slot = number of keys assigned so far.
    bool descend(std::size_t slot) {
      if (slot == keys.size()) {
        return leaf();
      }
      for (const KeyOption& option : domains[slot]->options) {
        if (option) {
          request.set_context(keys[slot], *option);
        } else {
          request.remove_context(keys[slot]);
        }
        if (run_level(slot + 1)) {
          return true;
        }
      }
      request.remove_context(keys[slot]);
      return false;
    }

    bool leaf() {
      Found f{request, eval::evaluate(impl.primary, request), std::nullopt};
      if (impl.query->outcome == Outcome::newly_allowed) {
        f.baseline = eval::evaluate(impl.baseline, request);
      }
      if (!impl.goal_met(f)) {
        return false; // never return an unconfirmed request; keep searching
      }
      found = std::move(f);
      return true;
    }
  };

  std::optional<Found> solve(const Problem& problem, const eval::Request& base) {
    Search s{*this, base, {}, {}, {}, {}, {}, {}, {}, std::nullopt};
    std::vector<std::pair<const Check*, const Stmt*>> must_checks;
    for (const Check& c : constraint_checks) {
      must_checks.emplace_back(&c, nullptr);
    }
    for (std::size_t i : problem.must) {
      for (const Check& c : stmts[i].checks) {
        must_checks.emplace_back(&c, &stmts[i]);
      }
    }
    for (std::size_t i : problem.must_not) {
      s.must_not.push_back(&stmts[i]);
    }
    // Keys: those the must-apply checks read first, then the others; fixed keys never vary.
    auto add_keys = [&](const Check& c) {
      for (const auto& k : c.deps) {
        if (!query->context.contains(k) && std::find(s.keys.begin(), s.keys.end(), k) == s.keys.end()) {
          s.keys.push_back(k);
        }
      }
    };
    for (const auto& [c, owner] : must_checks) {
      add_keys(*c);
    }
    const std::size_t first_free = s.keys.size();
    for (const Stmt* st : s.must_not) {
      for (const Check& c : st->checks) {
        add_keys(c);
      }
    }
    std::sort(s.keys.begin() + static_cast<std::ptrdiff_t>(first_free), s.keys.end());
    for (const auto& k : s.keys) {
      const KeyDomain& d = domain(k);
      exact = exact && d.exact;
      s.domains.push_back(&d);
      s.request.remove_context(k);
    }
    auto slot_of = [&](const Check& c) {
      std::size_t slot = 0;
      for (const auto& k : c.deps) {
        const auto it = std::find(s.keys.begin(), s.keys.end(), k);
        if (it != s.keys.end()) {
          slot = std::max(slot, static_cast<std::size_t>(it - s.keys.begin()) + 1);
        }
      }
      return slot;
    };
    const std::size_t slots = s.keys.size() + 1;
    s.must_at.resize(slots);
    s.must_not_at.resize(slots);
    s.must_not_done_at.resize(slots);
    for (const auto& [c, owner] : must_checks) {
      s.must_at[slot_of(*c)].emplace_back(c, owner);
    }
    s.killed.assign(s.must_not.size(), 0);
    for (std::size_t j = 0; j < s.must_not.size(); ++j) {
      std::size_t last = 0;
      for (const Check& c : s.must_not[j]->checks) {
        const std::size_t slot = slot_of(c);
        s.must_not_at[slot].emplace_back(&c, j);
        last = std::max(last, slot);
      }
      s.must_not_done_at[last].push_back(j);
    }
    if (s.run_level(0)) {
      return std::move(s.found);
    }
    return std::nullopt;
  }

  std::vector<Problem> problems(const Bits& applies) const {
    std::vector<std::size_t> p_allow;
    std::vector<std::size_t> p_deny;
    std::vector<std::size_t> b_allow;
    std::vector<std::size_t> b_deny;
    std::vector<std::size_t> scp_allow; // SCP Allows that can apply: one must, beside the grant
    bool scp_needed = false;            // some SCP has an Allow (eval::evaluate's rule)
    for (std::size_t i = 0; i < stmts.size(); ++i) {
      const Stmt& s = stmts[i];
      const bool scp = !s.baseline && s.allow && s.policy->type == policy::PolicyType::scp;
      scp_needed = scp_needed || scp;
      if (!applies[i]) {
        continue;
      }
      if (s.allow && s.policy->is_guardrail()) {
        if (scp) {
          scp_allow.push_back(i); // guardrail Allows grant nothing (RCPs' are ignored)
        }
        continue;
      }
      (s.baseline ? (s.allow ? b_allow : b_deny) : (s.allow ? p_allow : p_deny)).push_back(i);
    }
    // The statements that must apply for a grant `a`: itself, and an SCP Allow when needed.
    auto grants = [&](std::size_t a) {
      std::vector<std::vector<std::size_t>> out;
      if (!scp_needed) {
        out.push_back({a});
      }
      for (std::size_t g : scp_allow) {
        out.push_back({a, g});
      }
      return out;
    };
    auto wanted = [&](std::size_t i) { return query->decided_by == nullptr || stmts[i].statement == query->decided_by; };
    std::vector<Problem> out;
    switch (query->outcome) {
    case Outcome::allowed:
      for (std::size_t a : p_allow) {
        if (wanted(a)) {
          for (auto& must : grants(a)) {
            out.push_back(Problem{std::move(must), p_deny});
          }
        }
      }
      break;
    case Outcome::explicit_deny:
      for (std::size_t d : p_deny) {
        if (wanted(d)) {
          out.push_back(Problem{{d}, {}});
        }
      }
      break;
    case Outcome::implicit_deny: {
      Problem none;
      none.must_not = p_allow;
      none.must_not.insert(none.must_not.end(), p_deny.begin(), p_deny.end());
      out.push_back(std::move(none));
      if (scp_needed) {
        // A grant that no SCP Allow lets through is denied too.
        Problem unlet;
        unlet.must_not = scp_allow;
        unlet.must_not.insert(unlet.must_not.end(), p_deny.begin(), p_deny.end());
        out.push_back(std::move(unlet));
      }
      break;
    }
    case Outcome::newly_allowed:
      for (std::size_t a : p_allow) {
        if (!wanted(a)) {
          continue;
        }
        for (const auto& must : grants(a)) {
          Problem not_allowed_before{must, p_deny};
          not_allowed_before.must_not.insert(not_allowed_before.must_not.end(), b_allow.begin(), b_allow.end());
          out.push_back(std::move(not_allowed_before));
          for (std::size_t d : b_deny) {
            auto both = must;
            both.push_back(d);
            out.push_back(Problem{std::move(both), p_deny});
          }
        }
      }
      break;
    }
    return out;
  }

  eval::Request base_request() const {
    eval::Request r;
    for (const auto& [key, option] : query->context) {
      if (option) {
        r.set_context(key, *option);
      }
    }
    return r;
  }

  const std::vector<std::pair<std::string, Bits>>& cached_resource_classes(bool walk, const Bits& relevant) {
    std::vector<std::string> key = query->resources;
    key.emplace_back(walk ? "\n1" : "\n0");
    key.emplace_back(relevant.begin(), relevant.end());
    if (typed) {
      std::string types = "\nT";
      for (const std::uint32_t t : current_types) {
        types += std::to_string(t) + ",";
      }
      key.push_back(std::move(types));
    }
    auto it = resource_classes_by_patterns.find(key);
    if (it == resource_classes_by_patterns.end()) {
      const bool before = exact;
      exact = true;
      it = resource_classes_by_patterns.emplace(key, resource_classes(walk, relevant)).first;
      resource_classes_exact[key] = exact;
      exact = before;
    }
    exact = exact && resource_classes_exact[key];
    return it->second;
  }

  // Which (action, statement) pairs a pass tried on some resource the statement matches, of a
  // type the action takes (search_with fills it).
  struct Coverage {
    std::size_t statements = 0;
    std::vector<char> tried; // [action * statements + statement]
    bool at(std::size_t action, std::size_t statement) const { return tried[action * statements + statement] != 0; }
  };

  // After a pass over the patterns' simplest instances found no request for an `allowed`
  // query: the resources that could still change the answer, so that the walk over every
  // combination of the document's patterns is needed only when this returns nullopt.
  //
  // An allowed request needs one Allow that applies and no Deny. When every relevant Deny
  // applies to every resource, an Allow's conditions do not depend on which resource it is
  // tried on (one whose Resource holds variables aside), so it suffices to try each relevant
  // Allow, with each of its actions, on one resource it matches that the query and the
  // action's types admit. The pairs the pass left untried get one such resource each (the
  // shortest in the intersection of the patterns); an empty answer means none exists, and the
  // answer to the query is no. Most escalation steps are settled this way instead of by a walk.
  std::optional<std::vector<std::string>> untried_instances(const std::vector<std::pair<std::string, Bits>>& actions,
                                                            const Bits& relevant, const Coverage& coverage,
                                                            std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
    if (query->outcome != Outcome::allowed) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < stmts.size(); ++i) {
      const Stmt& st = stmts[i];
      const auto& r = st.statement->resource;
      if (relevant[i] == 0 || st.policy->kind == policy::PolicyKind::trust) {
        continue; // trust statements apply to any resource
      }
      if (st.resource_dynamic || st.baseline || r.negated || !r.present) {
        return std::nullopt;
      }
      const bool everything = std::any_of(r.values.begin(), r.values.end(), [](const policy::Text& v) { return v.value == "*"; });
      if (!st.allow && !everything) {
        return std::nullopt;
      }
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < stmts.size(); ++i) {
      const Stmt& st = stmts[i];
      if (relevant[i] == 0 || !st.allow) {
        continue;
      }
      for (std::size_t a = 0; a < actions.size(); ++a) {
        if (actions[a].second[i] == 0 || coverage.at(a, i)) {
          continue;
        }
        if (st.policy->kind == policy::PolicyKind::trust) {
          return std::nullopt; // applies to any resource, and none of the action's was tried
        }
        const auto found = instance_for(st, actions[a].first);
        if (!found.complete) {
          return std::nullopt;
        }
        if (found.value) {
          out.push_back(*found.value);
          pairs.emplace_back(a, i);
        }
      }
    }
    return out;
  }

  // A shortest resource the statement's Resource matches that the query admits for `action`
  // (typed: of one of its types, the S3 bucket-name exclusion aside).
  Common instance_for(const Stmt& st, const std::string& action) {
    std::string key = action + "\n" + (typed ? "T" : "U");
    for (const auto& q : query->resources) {
      key += "\n" + q;
    }
    key += "\n" + std::to_string(reinterpret_cast<std::uintptr_t>(st.statement));
    if (const auto it = instance_memo.find(key); it != instance_memo.end()) {
      return it->second;
    }
    std::vector<Pattern> space; // the query's Resource patterns; none: any string
    for (const auto& q : query->resources) {
      space.push_back(resource_pattern(q));
    }
    std::vector<Pattern> kinds; // typed: the formats of the action's types; none: any string
    if (typed) {
      const auto* types = action_types(action);
      if (types != nullptr && types->empty()) {
        kinds.push_back(literal_pattern("*", false));
      }
      for (const std::uint32_t t : types != nullptr ? *types : std::vector<std::uint32_t>{}) {
        if (type_table->type(t).service.empty()) {
          kinds.clear(); // a template that is no ARN takes anything
          break;
        }
        kinds.push_back(arn_like_pattern(type_table->type(t).any_partition.glob));
      }
    }
    const Pattern any = glob_pattern("*");
    Common best;
    for (const auto& v : st.statement->resource.values) {
      const Pattern own = resource_pattern(v.value);
      for (const Pattern& q : space.empty() ? std::vector<Pattern>{any} : space) {
        for (const Pattern& k : kinds.empty() ? std::vector<Pattern>{any} : kinds) {
          const std::array<const Pattern*, 3> all{&own, &q, &k};
          Common c = shortest_common(all);
          best.complete = best.complete && c.complete;
          if (c.value && (!best.value || c.value->size() < best.value->size())) {
            best.value = std::move(c.value);
          }
        }
      }
    }
    if (best.value) {
      best.value = readable_region_and_account(std::move(*best.value), st, space);
    }
    instance_memo.emplace(std::move(key), best);
    return best;
  }

  // A shortest instance spells a wildcard partition, region or account with a stand-in byte
  // ("arn:aws:iam::xxxxxxxxxxxx:role/…"); where the patterns allow, read aws, us-east-1 and
  // 111122223333 instead, as the other instances do (resource_instance).
  std::string readable_region_and_account(std::string value, const Stmt& st, const std::vector<Pattern>& space) const {
    const auto accepted = [&](const std::string& v) {
      const auto& own = st.statement->resource.values;
      return std::any_of(own.begin(), own.end(), [&](const policy::Text& t) { return pattern_accepts(resource_pattern(t.value), v); }) &&
             std::all_of(space.begin(), space.end(), [&](const Pattern& q) { return pattern_accepts(q, v); }) &&
             (!typed || !types_matched(v).empty() || value == "*");
    };
    static constexpr std::array<std::pair<std::size_t, std::string_view>, 3> k_stand_ins{{{1, "aws"}, {3, k_stand_in_region}, {4, k_stand_in_account}}};
    for (const auto& [segment, stand_in] : k_stand_ins) {
      std::size_t begin = 0;
      for (std::size_t s = 0; s < segment && begin != std::string::npos; ++s) {
        begin = value.find(':', begin);
        begin = begin == std::string::npos ? begin : begin + 1;
      }
      if (!value.starts_with("arn:") || begin == std::string::npos) {
        break;
      }
      const std::size_t end = std::min(value.find(':', begin), value.size());
      const std::string_view field = std::string_view(value).substr(begin, end - begin);
      if (field.empty() || field.find_first_not_of(field.front()) != std::string_view::npos || std::isalpha(static_cast<unsigned char>(field.front())) == 0) {
        continue; // not a run of one stand-in byte
      }
      std::string candidate = value.substr(0, begin) + std::string(stand_in) + value.substr(end);
      if (accepted(candidate)) {
        value = std::move(candidate);
      }
    }
    return value;
  }

  std::optional<Found> search(const std::vector<std::pair<std::string, Bits>>& reps) {
    std::vector<std::pair<std::string, Bits>> actions = reps;
    if (typed) {
      // Each class's members of other resource types share its statements.
      for (const auto& [name, bits] : reps) {
        if (current_alternates != nullptr) {
          if (const auto it = current_alternates->find(name); it != current_alternates->end()) {
            for (const auto& member : it->second) {
              actions.emplace_back(member, bits);
            }
          }
        }
      }
      std::set<std::uint32_t> types;
      for (const auto& [name, bits] : actions) {
        if (const auto* t = action_types(name)) {
          types.insert(t->begin(), t->end());
        }
      }
      current_types.assign(types.begin(), types.end());
    }
    if (!principals_cache) {
      principals_cache = principal_classes();
    }
    std::set<std::pair<Bits, std::string>> tried;
    Bits relevant(stmts.size(), 0);
    for (const auto& [action, bits] : actions) {
      for (std::size_t i = 0; i < stmts.size(); ++i) {
        relevant[i] = static_cast<char>(relevant[i] | bits[i]);
      }
    }
    if (query->resource) {
      if (!resources_cache) {
        resources_cache = resource_classes(false, relevant);
      }
      return search_with(actions, *resources_cache, tried);
    }
    Coverage coverage{stmts.size(), std::vector<char>(actions.size() * stmts.size(), 0)};
    if (auto found = search_with(actions, cached_resource_classes(false, relevant), tried, &coverage)) {
      return found;
    }
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    if (auto extra = untried_instances(actions, relevant, coverage, pairs)) {
      if (extra->empty()) {
        return std::nullopt;
      }
      if (auto found = search_with(actions, classes_of(std::move(*extra), relevant), tried, &coverage)) {
        return found;
      }
      if (std::all_of(pairs.begin(), pairs.end(), [&](const auto& p) { return coverage.at(p.first, p.second); })) {
        return std::nullopt;
      }
    }
    return search_with(actions, cached_resource_classes(true, relevant), tried);
  }

  std::optional<Found> search_with(const std::vector<std::pair<std::string, Bits>>& actions,
                                   const std::vector<std::pair<std::string, Bits>>& resources,
                                   std::set<std::pair<Bits, std::string>>& tried, Coverage* coverage = nullptr) {
    const auto& principals = *principals_cache;
    // Statements whose Resource holds variables depend on the resource beyond their bit.
    const bool any_dynamic = std::any_of(stmts.begin(), stmts.end(), [](const Stmt& s) { return s.resource_dynamic; });
    // Typed: the resource types each action takes and each resource is of.
    std::vector<const std::vector<std::uint32_t>*> action_kinds(actions.size(), nullptr);
    std::vector<std::vector<std::uint32_t>> resource_kinds(typed ? resources.size() : 0);
    if (typed) {
      for (std::size_t a = 0; a < actions.size(); ++a) {
        action_kinds[a] = action_types(actions[a].first);
      }
      for (std::size_t r = 0; r < resources.size(); ++r) {
        resource_kinds[r] = types_matched(resources[r].first);
      }
    }
    eval::Request base = base_request();
    for (const auto& [principal, p_bits] : principals) {
      for (std::size_t ai = 0; ai < actions.size(); ++ai) {
        const auto& [action, a_bits] = actions[ai];
        for (std::size_t ri = 0; ri < resources.size(); ++ri) {
          const auto& [resource, r_bits] = resources[ri];
          if (typed && !fits(action_kinds[ai], resource_kinds[ri], resource == "*")) {
            continue; // no request AWS can make names this resource for this action
          }
          if (coverage != nullptr) {
            for (std::size_t i = 0; i < stmts.size(); ++i) {
              coverage->tried[ai * stmts.size() + i] |= static_cast<char>(a_bits[i] & r_bits[i]);
            }
          }
          Bits applies(stmts.size());
          for (std::size_t i = 0; i < stmts.size(); ++i) {
            applies[i] = static_cast<char>(p_bits[i] & a_bits[i] & r_bits[i]);
          }
          if (!tried.insert({applies, any_dynamic ? resource : std::string()}).second) {
            continue; // the same statements can apply: the answer is the same
          }
          base.action = action;
          base.resource = resource;
          base.principal = principal;
          for (const Problem& problem : problems(applies)) {
            if (auto found = solve(problem, base)) {
              return found;
            }
          }
        }
      }
    }
    return std::nullopt;
  }
};

Engine::Engine(std::span<const policy::Policy* const> policies, std::span<const policy::Policy* const> baseline,
               const catalog::Catalog* catalog)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->catalog = catalog != nullptr ? catalog : &catalog::embedded_catalog();
  m_impl->add_policies(policies, false);
  m_impl->add_policies(baseline, true);
}

Engine::~Engine() = default;

std::optional<Found> Engine::find(const Query& query) {
  m_impl->prepare(query);
  return m_impl->search(m_impl->cached_action_classes());
}

std::vector<Found> Engine::find_per_action_class(const Query& query) {
  m_impl->prepare(query);
  std::vector<Found> out;
  bool exact = true;
  if (!m_impl->principals_cache) {
    m_impl->principals_cache = m_impl->principal_classes();
  }
  const auto principals = *m_impl->principals_cache;
  const std::size_t callers = query.split_by_principal ? principals.size() : 1;
  for (std::size_t c = 0; c < callers; ++c) {
    if (query.split_by_principal) {
      m_impl->principals_cache = std::vector<std::pair<std::string, Bits>>{principals[c]};
    }
    for (const auto& cls : m_impl->cached_action_classes()) {
      const std::vector<std::pair<std::string, Bits>> one{cls};
      m_impl->steps = 0;
      if (auto found = m_impl->search(one)) {
        out.push_back(std::move(*found));
      }
      exact = exact && m_impl->exact;
    }
  }
  m_impl->principals_cache = principals;
  m_impl->exact = exact;
  return out;
}

std::vector<std::string> Engine::action_representatives(const Query& query) {
  m_impl->prepare(query);
  std::vector<std::string> out;
  for (const auto& [action, bits] : m_impl->cached_action_classes()) {
    out.push_back(action);
  }
  return out;
}

bool Engine::last_exact() const { return m_impl->exact; }

std::optional<Found> find(std::span<const policy::Policy* const> policies, const Query& query) {
  Engine engine(policies);
  return engine.find(query);
}

Query query_from(const SearchSpace& space, Outcome outcome, const policy::Statement* decided_by) {
  Query q;
  q.actions = {space.base.action};
  q.resource = space.base.resource;
  q.principal = space.base.principal;
  for (const auto& key : space.fixed_keys) {
    const auto* values = space.base.context_values(key);
    q.context[key] = values != nullptr ? KeyOption(*values) : KeyOption(std::nullopt);
  }
  q.outcome = outcome;
  q.decided_by = decided_by;
  return q;
}

} // namespace policylint::query
