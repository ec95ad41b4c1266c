#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/privesc/unnamed.hpp>
#include <policylint/query/domain.hpp>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace policylint::privesc {
namespace {

// Could any Allow statement apply to this action at all? A cheap filter before the engine:
// most documents grant none of a method's actions.
bool some_allow_names(const policy::Policy& policy, std::string_view action) {
  for (const auto& st : policy.statements) {
    if (st.evaluable && st.effect == policy::Effect::allow && eval::action_element_covers(st.action, action)) {
      return true;
    }
  }
  return false;
}

// The step actions of some methods, by lower-case service prefix: an Allow value with a
// literal service prefix can only name actions of that service, so it is tested against
// those alone (ReadOnlyAccess lists over a thousand patterns, the methods some 120 actions).
// Each action has an index; the names are views into the methods, which outlive the index.
class StepActions {
public:
  explicit StepActions(std::span<const Method> methods) {
    for (const Method& m : methods) {
      for (const Step& step : m.steps) {
        if (m_index.try_emplace(step.action, m_all.size()).second) {
          m_by_service[eval::ascii_lowered(step.action.substr(0, step.action.find(':')))].push_back(m_all.size());
          m_all.push_back(step.action);
        }
      }
    }
  }

  [[nodiscard]] std::size_t size() const { return m_all.size(); }

  // The index of `action` as written in the methods, or size() when it is none of them.
  [[nodiscard]] std::size_t index_of(std::string_view action) const {
    const auto it = m_index.find(action);
    return it == m_index.end() ? m_all.size() : it->second;
  }

  // Calls `named(index)` for each action an Allow statement of `policy` names (an action may
  // come more than once); stops when it returns true, and then returns true.
  template <typename F> bool any_named(const policy::Policy& policy, F&& named) const {
    for (const auto& st : policy.statements) {
      if (!st.evaluable || st.effect != policy::Effect::allow || !st.action.present) {
        continue;
      }
      if (st.action.negated) {
        for (std::size_t i = 0; i < m_all.size(); ++i) {
          if (eval::action_element_covers(st.action, m_all[i]) && named(i)) {
            return true;
          }
        }
        continue;
      }
      for (const auto& v : st.action.values) {
        const std::string_view pattern = v.value;
        const std::size_t colon = pattern.find(':');
        const std::string_view service = pattern.substr(0, colon);
        const bool any_service = colon == std::string_view::npos || eval::has_wildcard(service);
        if (any_service) {
          for (std::size_t i = 0; i < m_all.size(); ++i) {
            if (eval::action_matches(pattern, m_all[i]) && named(i)) {
              return true;
            }
          }
          continue;
        }
        const auto it = m_by_service.find(eval::ascii_lowered(service));
        if (it == m_by_service.end()) {
          continue; // a service no method has a step in
        }
        for (const std::size_t i : it->second) {
          if (eval::action_matches(pattern, m_all[i]) && named(i)) {
            return true;
          }
        }
      }
    }
    return false;
  }

private:
  std::vector<std::string_view> m_all;
  std::unordered_map<std::string_view, std::size_t> m_index;
  std::unordered_map<std::string, std::vector<std::size_t>> m_by_service;
};

// The step actions of privesc::methods(), indexed once.
const StepActions& all_step_actions() {
  static const StepActions k_index(methods());
  return k_index;
}

// The engine gives a policy variable (user/${aws:username}) one value on both sides
// (docs/query.md): a resource holding it is the caller's own.
bool own_resource(std::string_view resource) { return resource.find(query::k_variable_value) != std::string_view::npos; }

// `typed`: only requests AWS can make (docs/query.md, the typed request space), so that
// lambda:CreateFunction allowed on role ARNs alone creates no function.
query::Query step_query(const Step& step, const std::string& resource_pattern, bool typed) {
  query::Query q;
  q.actions = {step.action};
  if (!resource_pattern.empty()) {
    q.resources = {resource_pattern};
  }
  for (const auto& [key, value] : step.context) {
    q.context[eval::ascii_lowered(key)] = std::vector<std::string>{value};
  }
  q.outcome = query::Outcome::allowed;
  q.typed_resources = typed;
  return q;
}

// Two methods share a step when action, resource and keys agree and it plays the same part:
// batch:SubmitJob is the target of batch-002 (an existing job definition's role) and a plain
// request of batch-001 (whose target is the role passed), so the two are answered apart and
// neither method covers the other.
using StepKey = std::tuple<std::string, std::string, std::vector<std::pair<std::string, std::string>>, unsigned>;
StepKey key_of(const Step& s) {
  const unsigned part = (s.target ? 1U : 0U) | (s.named_is_delegation ? 2U : 0U) | (s.self_harmless ? 4U : 0U);
  return {eval::ascii_lowered(s.action), s.resource, s.context, part};
}

bool strict_subset(const Method& small, const Method& big) {
  if (small.steps.size() >= big.steps.size()) {
    return false;
  }
  return std::all_of(small.steps.begin(), small.steps.end(), [&](const Step& s) {
    return std::any_of(big.steps.begin(), big.steps.end(), [&](const Step& b) { return key_of(b) == key_of(s); });
  });
}

} // namespace

bool may_matter(const policy::Policy& policy, std::span<const Method> catalog) {
  const bool denies = std::any_of(policy.statements.begin(), policy.statements.end(),
                                  [](const policy::Statement& st) { return st.effect == policy::Effect::deny; });
  if (denies || some_allow_names(policy, "policylint-unlisted:UnlistedAction")) {
    return true;
  }
  // The step actions of privesc::methods() are indexed once; another catalog each time.
  const bool every_method = catalog.data() == methods().data() && catalog.size() == methods().size();
  if (every_method) {
    return all_step_actions().any_named(policy, [](std::size_t) { return true; });
  }
  return StepActions(catalog).any_named(policy, [](std::size_t) { return true; });
}

std::vector<Method> splittable(std::span<const Method> catalog) {
  std::set<StepKey> shared; // the steps of methods of several requests
  for (const Method& m : catalog) {
    if (m.steps.size() > 1) {
      for (const Step& s : m.steps) {
        shared.insert(key_of(s));
      }
    }
  }
  std::vector<Method> out;
  std::copy_if(catalog.begin(), catalog.end(), std::back_inserter(out),
               [&](const Method& m) { return m.steps.size() > 1 || (!m.steps.empty() && shared.contains(key_of(m.steps.front()))); });
  return out;
}

bool MethodHit::named() const {
  return std::any_of(steps.begin(), steps.end(), [](const StepRequest& s) { return s.named; });
}

struct Detector::Impl {
  std::span<const policy::Policy* const> policies;
  const catalog::Catalog* catalog = nullptr;
  std::optional<query::Engine> engine;
  bool exact = true;
  // Looked up by string_view, without copying the name.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::map<StepKey, std::optional<StepRequest>> answers;                   // steps shared by several methods
  // named_anywhere of the actions of privesc::methods(), by their index, once prefilled; of
  // any other action, by name.
  std::vector<char> named_index;
  std::unordered_map<std::string, bool, NameHash, std::equal_to<>> named;

  query::Engine& get_engine() {
    if (!engine) {
      engine.emplace(policies, std::span<const policy::Policy* const>{}, catalog);
    }
    return *engine;
  }

  std::optional<query::Found> ask(const query::Query& q) {
    auto found = get_engine().find(q);
    exact = exact && get_engine().last_exact();
    return found;
  }

  // An allowed request of a step. The witness is the shortest of its class: an IAM ARN IAM
  // could not issue ("user/x:user/alice", admitted by "arn:aws:iam::*:user/${aws:username}")
  // means the class holds no request anyone can make.
  std::optional<query::Found> ask_step(const query::Query& q) {
    auto found = ask(q);
    if (found && !eval::issuable_iam_arn(found->request.resource)) {
      return std::nullopt;
    }
    return found;
  }

  // Per action, not per step: iam:PassRole alone is a step of some forty methods, each with
  // its own iam:PassedToService.
  bool named_anywhere(std::string_view action) {
    if (!named_index.empty()) {
      if (const std::size_t i = all_step_actions().index_of(action); i < named_index.size()) {
        return named_index[i] != 0;
      }
    }
    if (const auto it = named.find(action); it != named.end()) {
      return it->second;
    }
    const bool out = std::any_of(policies.begin(), policies.end(),
                                 [&](const policy::Policy* p) { return some_allow_names(*p, action); });
    named.emplace(std::string(action), out);
    return out;
  }

  // named_anywhere for every step action of privesc::methods() at once, in one pass over the
  // Allow statements (StepActions); the actions of another catalog are asked one by one.
  void prefill_named() {
    if (!named_index.empty()) {
      return;
    }
    const StepActions& index = all_step_actions();
    named_index.assign(index.size(), 0);
    for (const policy::Policy* p : policies) {
      index.any_named(*p, [&](std::size_t i) {
        named_index[i] = 1;
        return false; // every action named, not the first
      });
    }
  }

  // Whether some Allow for `action` could admit a name nobody writes (a Resource written out in
  // full, with no wildcard and no policy variable, admits no stand-in, and neither does a
  // statement of another action), and whether one could name an ARN outside the aws partition.
  // Exact, and it spares the engine the many documents that name every target in full.
  struct NameFreedom {
    bool free = false;
    bool other_partitions = false;
  };
  NameFreedom name_freedom(std::string_view action) const {
    NameFreedom out;
    for (const policy::Policy* p : policies) {
      for (const auto& st : p->statements) {
        if (!st.evaluable || st.effect != policy::Effect::allow || !eval::action_element_covers(st.action, action)) {
          continue;
        }
        if (!st.resource.present || st.resource.negated) {
          return {true, true};
        }
        for (const auto& v : st.resource.values) {
          out.free = out.free || eval::has_wildcard(v.value) || v.value.find('$') != std::string::npos;
          out.other_partitions = out.other_partitions || !v.value.starts_with("arn:aws:");
        }
      }
    }
    return out;
  }

  // The step allowed on a resource whose name no statement writes, if any.
  std::optional<query::Found> ask_unnamed(const Step& step) {
    const NameFreedom freedom = name_freedom(step.action);
    if (!freedom.free) {
      return std::nullopt;
    }
    std::vector<std::string> stand_ins;
    if (step.resource.empty()) {
      stand_ins = unnamed_stand_ins(step.action, catalog != nullptr ? *catalog : catalog::embedded_catalog());
    }
    if (stand_ins.empty()) {
      return ask_step(step_query(step, step.unnamed, false));
    }
    // The aws partition first: most documents that leave a name free do so there, and the
    // other partitions are asked only when none is found and some Resource could name them.
    std::vector<std::string> others;
    std::copy_if(stand_ins.begin(), stand_ins.end(), std::back_inserter(others),
                 [](const std::string& s) { return !s.starts_with("arn:aws:"); });
    std::erase_if(stand_ins, [](const std::string& s) { return !s.starts_with("arn:aws:"); });
    auto found = ask_stand_ins(step, stand_ins);
    if (!found && freedom.other_partitions && !others.empty()) {
      found = ask_stand_ins(step, others);
    }
    return found;
  }

  // The shortest witness of several stand-ins may be junk for one type (a bucket "name" holding
  // the account's ':') while another type has a real one: the stand-ins that junk matches are
  // dropped and the rest asked again, at most once per stand-in.
  std::optional<query::Found> ask_stand_ins(const Step& step, std::vector<std::string> stand_ins) {
    while (!stand_ins.empty()) {
      query::Query q = step_query(step, {}, false);
      q.resources = stand_ins;
      auto found = ask_step(q);
      if (!found || is_stand_in(found->request.resource, stand_ins)) {
        return found;
      }
      const std::size_t before = stand_ins.size();
      std::erase_if(stand_ins, [&](const std::string& s) { return eval::resource_matches(s, found->request.resource); });
      if (stand_ins.size() == before) {
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::optional<StepRequest> answer(const Step& step) {
    const StepKey key = key_of(step);
    if (auto it = answers.find(key); it != answers.end()) {
      return it->second;
    }
    std::optional<StepRequest> out;
    if (named_anywhere(step.action)) {
      if (auto found = ask_step(step_query(step, step.resource, true))) {
        // Whether the target is named is a question about names, asked of any string: the
        // typed space holds no stand-in for "a name no statement writes" of every type.
        std::optional<query::Found> unnamed;
        if (step.target) {
          unnamed = ask_unnamed(step);
        }
        if (!own_resource(found->request.resource)) {
          if (!(step.named_is_delegation && step.target && !unnamed)) {
            out = StepRequest{&step, std::move(*found), step.target && !unnamed};
          }
        } else if (!step.self_harmless) {
          out = StepRequest{&step, std::move(*found), false}; // escalating oneself needs no one else
        } else if (unnamed) {
          out = StepRequest{&step, std::move(*unnamed), false};
        }
      }
    }
    answers.emplace(key, out);
    return out;
  }
};

Detector::Detector(std::span<const policy::Policy* const> policies, const catalog::Catalog* catalog)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->policies = policies;
  m_impl->catalog = catalog;
}

Detector::~Detector() = default;

bool Detector::allows_everything() {
  if (!m_impl->named_anywhere("policylint-unlisted:UnlistedAction")) {
    return false; // no Allow covers an action of every service
  }
  // Denies aside: a Deny in the same policies binds whatever the caller attaches to itself,
  // so escalation cannot lift it either.
  query::Query q;
  q.outcome = query::Outcome::implicit_deny;
  return !m_impl->ask(q).has_value();
}

std::optional<MethodHit> Detector::find(const Method& method) {
  // A step whose action no Allow names has no answer: settle that for every step before the
  // engine is asked about any (most methods fail on a name, after a PassRole that all share).
  for (const Step& step : method.steps) {
    if (!m_impl->named_anywhere(step.action)) {
      return std::nullopt;
    }
  }
  MethodHit hit;
  hit.method = &method;
  for (const Step& step : method.steps) {
    auto r = m_impl->answer(step);
    if (!r) {
      return std::nullopt;
    }
    r->step = &step;
    hit.steps.push_back(std::move(*r));
  }
  return hit;
}

std::vector<MethodHit> Detector::find_all(std::span<const Method> catalog) {
  m_impl->prefill_named();
  std::vector<MethodHit> found;
  for (const Method& m : catalog) {
    if (auto hit = find(m)) {
      found.push_back(std::move(*hit));
    }
  }
  std::vector<MethodHit> out;
  for (auto& hit : found) {
    const bool covered = std::any_of(found.begin(), found.end(),
                                     [&](const MethodHit& other) { return strict_subset(*other.method, *hit.method); });
    if (!covered) {
      out.push_back(std::move(hit));
    }
  }
  return out;
}

std::optional<query::Found> Detector::allows_step_on(const Step& step, const std::string& resource) {
  return m_impl->ask_step(step_query(step, resource, true));
}

bool Detector::exact() const { return m_impl->exact; }

query::Engine& Detector::engine() { return m_impl->get_engine(); }

} // namespace policylint::privesc
