#pragma once
// The one way a rule or a custom check decides "does some request of these classes get in
// with this statement deciding?": a quick budgeted search over a few concrete instances
// (query::find_request), and, before the statement is cleared, the exact engine
// (query::Engine) over every action, resource and condition region of each class. The quick
// search decides most statements cheaply but misses a document that denies exactly the
// instances tried (the first actions of `s3:Get*`, the object `bucket/x`); the exact pass
// cannot be skipped because there is no other entry point. Every request returned is
// confirmed by eval::evaluate.
#include <policylint/catalog/catalog.hpp>
#include <policylint/query/engine.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace policylint::probes {

// The statement a decision is about. `search` may be a smaller policy set that decides the
// same question (the statement and the Deny statements only), with `search_statement` its copy
// of the statement; a request found there is confirmed against `policies`.
struct Target {
  std::span<const policy::Policy* const> policies;
  const policy::Statement* statement = nullptr;
  std::span<const policy::Policy* const> search{};
  const policy::Statement* search_statement = nullptr;
};

// A concrete instance for the quick search: action, resource, principal and fixed keys.
struct Instance {
  query::SearchSpace space;
  std::size_t tag = 0; // the caller's own index (which caller, address, way…)
};

// A class for the exact engine: the space's principal and fixed keys are kept, its action and
// resource replaced by `actions` (patterns; empty: any action, narrowed to `levels` when
// given; unless `own_action`: the space's action only) and `resources` (patterns; empty: any
// resource). A trust policy has no resource: the space's is kept.
struct Class {
  query::SearchSpace space;
  bool own_action = false;
  std::vector<std::string> actions{};
  std::vector<std::string> resources{};
  std::vector<catalog::AccessLevel> levels{};
  // Conditions the request must also meet (a claim "not issued to the owners the policy
  // names"): only the exact engine can search under them.
  std::vector<query::KeyConstraint> constraints{};
  std::size_t tag = 0;
};

struct Decision {
  query::Found found;
  std::size_t tag = 0;
};

// One per target policy set: the exact engine is built on first use and its action and
// resource classes are reused by every later question.
class Decider {
public:
  Decider(std::span<const policy::Policy* const> search, const catalog::Catalog* catalog)
      : m_search(search), m_catalog(catalog) {}

  // A request the target's policies allow with its statement deciding: the quick instances in
  // order, then the exact classes in order.
  [[nodiscard]] std::optional<Decision> allowed(const Target& target, std::span<const Instance> quick,
                                                std::span<const Class> exact);

private:
  std::span<const policy::Policy* const> m_search;
  const catalog::Catalog* m_catalog;
  std::optional<query::Engine> m_engine;
};

// The evaluation was decided by (among others) this statement.
[[nodiscard]] bool decided_by(const eval::Evaluation& evaluation, const policy::Statement& statement);

} // namespace policylint::probes
