#include <policylint/rules/support/exact_pass.hpp>

#include <policylint/rules/support/probes.hpp>

namespace policylint::rules::support {

std::optional<query::Found> ExactPass::allowed_request(const query::SearchSpace& space, const policy::Statement& st,
                                                       std::vector<std::string> actions,
                                                       std::vector<std::string> resources,
                                                       std::vector<catalog::AccessLevel> levels) {
  query::Query q = query::query_from(space, query::Outcome::allowed, &st);
  q.actions = std::move(actions);
  q.access_levels = std::move(levels);
  // A trust policy has no resource: the request's stays as the quick search had it.
  const bool trust = !m_policies.empty() && m_policies.front()->kind == policy::PolicyKind::trust;
  if (!trust) {
    q.resource.reset();
    q.resources = std::move(resources);
  }
  if (!m_engine) {
    m_engine.emplace(m_policies, std::span<const policy::Policy* const>{}, m_catalog);
  }
  auto found = m_engine->find(q);
  if (!found) {
    return std::nullopt;
  }
  found->evaluation = eval::evaluate(m_policies, found->request);
  if (found->evaluation.decision != eval::Decision::allowed || !decided_by(found->evaluation, st)) {
    return std::nullopt;
  }
  return found;
}

} // namespace policylint::rules::support
