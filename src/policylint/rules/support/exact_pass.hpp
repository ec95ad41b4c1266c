#pragma once
// The exact pass behind a rule's quick search. Several rules first try a few concrete
// actions and resources per statement with query::find_request: cheap, and it decides most
// statements, but when a document denies exactly the instances tried (the first actions of
// `s3:Get*`, the object `bucket/x`) it finds nothing although other requests get through.
// Before such a statement is cleared, the exact engine (query::Engine) asks the same
// question over every action and resource. One ExactPass serves a rule's whole run over one
// document: the engine is built on first use only, and its action and resource classes are
// reused by every later question.
#include <policylint/catalog/catalog.hpp>
#include <policylint/query/engine.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace policylint::rules::support {

class ExactPass {
public:
  ExactPass(std::span<const policy::Policy* const> policies, const catalog::Catalog* catalog)
      : m_policies(policies), m_catalog(catalog) {}

  // A request the policies allow with `st` among the deciding statements: the space's action
  // and resource are replaced by `actions` (patterns; empty: any action, narrowed to `levels`
  // when given) and `resources` (patterns; empty: any resource), its principal and fixed keys
  // are kept. The request returned is confirmed by eval::evaluate.
  [[nodiscard]] std::optional<query::Found> allowed_request(const query::SearchSpace& space, const policy::Statement& st,
                                                            std::vector<std::string> actions = {},
                                                            std::vector<std::string> resources = {},
                                                            std::vector<catalog::AccessLevel> levels = {});

private:
  std::span<const policy::Policy* const> m_policies;
  const catalog::Catalog* m_catalog;
  std::optional<query::Engine> m_engine;
};

} // namespace policylint::rules::support
