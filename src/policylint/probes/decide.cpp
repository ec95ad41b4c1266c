#include <policylint/probes/decide.hpp>

#include <algorithm>

namespace policylint::probes {

bool decided_by(const eval::Evaluation& evaluation, const policy::Statement& statement) {
  return std::any_of(evaluation.deciding.begin(), evaluation.deciding.end(),
                     [&](const eval::StatementRef& ref) { return ref.statement == &statement; });
}

namespace {

// Only a request the evaluator itself allows on the whole policy set, with the statement
// deciding, is an answer.
std::optional<query::Found> confirmed(const Target& target, query::Found found) {
  found.evaluation = eval::evaluate(target.policies, found.request);
  if (found.evaluation.decision != eval::Decision::allowed || !decided_by(found.evaluation, *target.statement)) {
    return std::nullopt;
  }
  return found;
}

} // namespace

std::optional<Decision> Decider::allowed(const Target& target, std::span<const Instance> quick,
                                         std::span<const Class> exact) {
  const auto search = target.search.empty() ? target.policies : target.search;
  const policy::Statement& st = target.search_statement != nullptr ? *target.search_statement : *target.statement;
  const auto wanted = [&](const eval::Evaluation& e) {
    return e.decision == eval::Decision::allowed && decided_by(e, st);
  };
  for (const Instance& instance : quick) {
    if (auto found = query::find_request(search, instance.space, wanted)) {
      if (auto ok = confirmed(target, std::move(*found))) {
        return Decision{std::move(*ok), instance.tag};
      }
    }
  }
  const bool trust = !search.empty() && search.front()->kind == policy::PolicyKind::trust;
  for (const Class& c : exact) {
    query::Query q = query::query_from(c.space, query::Outcome::allowed, &st);
    if (!c.own_action) {
      q.actions = c.actions;
    }
    q.access_levels = c.levels;
    q.constraints = c.constraints;
    if (!trust) {
      q.resource.reset();
      q.resources = c.resources;
    }
    if (!m_engine) {
      m_engine.emplace(m_search, std::span<const policy::Policy* const>{}, m_catalog);
    }
    if (auto found = m_engine->find(q)) {
      if (auto ok = confirmed(target, std::move(*found))) {
        return Decision{std::move(*ok), c.tag};
      }
    }
  }
  return std::nullopt;
}

} // namespace policylint::probes
