#pragma once
// The exact query engine: "is there a request in this class with this outcome?", answered by
// searching the finite set of representative requests that the policies can tell apart, and
// confirmed by the concrete evaluator (eval::evaluate) before it is returned.
//
// Dimensions and how each is made finite (docs/query.md has the guarantees):
// * actions: one representative per class of catalog actions that every Action/NotAction
//   element (and the query's own patterns) treats alike, plus actions outside the catalog
//   (literal names the policies write, an unlisted action per mentioned service, an unlisted
//   service);
// * resources: one string per combination of Resource/NotResource patterns it matches;
// * principals: the caller given, or the principals the policies name plus an outsider and
//   an anonymous caller;
// * context: per key, the regions of domain.hpp.
// The search runs per combination of statements that can apply: for each statement that must
// apply (the Allow that grants), it picks key values that make its conditions true and, with
// backtracking, makes every Deny that could interfere false. No budget: every combination is
// visited when no request exists.
#include <policylint/catalog/catalog.hpp>
#include <policylint/query/domain.hpp>
#include <policylint/query/request_search.hpp>

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace policylint::query {

enum class Outcome {
  allowed,       // the policies allow the request
  explicit_deny, // an applicable Deny
  implicit_deny, // nothing applies
  newly_allowed, // the policies allow it and the baseline policies do not (diff)
};

// A condition the request must satisfy, written as in a policy ("NotIpAddress",
// "aws:SourceIp", {"203.0.113.0/24"}). Unknown operator names make the query match nothing.
struct KeyConstraint {
  std::string op;
  std::string key;
  std::vector<std::string> values;
};

struct Query {
  std::vector<std::string> actions;        // Action patterns; empty = every action
  // Non-empty: only catalog actions of these access levels (e.g. write and permissions
  // management: "privileged"); actions the catalog does not list are then left out.
  std::vector<catalog::AccessLevel> access_levels;
  std::optional<std::string> resource;     // the exact request resource, if fixed
  std::vector<std::string> resources;      // Resource patterns; empty = any resource
  std::optional<std::string> principal;    // the exact caller, if fixed
  std::map<std::string, KeyOption> context; // lower-case key → fixed values, nullopt = absent
  std::vector<KeyConstraint> constraints;  // must hold (keys not in `context` are searched)
  Outcome outcome = Outcome::allowed;
  // Also tell actions of different services apart (find_per_action_class then reports one
  // request per service and class, as `policylint diff` does).
  bool split_by_service = false;
  // find_per_action_class also reports one request per class of callers (the principals the
  // policies name, an outsider, anonymous) — for resource and trust policies in diffs.
  bool split_by_principal = false;
  // The outcome must be decided by (among others) this statement of the policies.
  const policy::Statement* decided_by = nullptr;
  // Only requests AWS can make (docs/query.md, "The typed request space"): a catalog action's
  // request names an ARN of one of its resource types, or `*` when it has none. Asked where a
  // counterexample is shown as access that exists (diff's "new access"); off by default, since
  // the rules' many yes/no questions do not need it and it costs a larger resource walk.
  // Trust policies (whose resource is the role itself) are not constrained.
  bool typed_resources = false;
};

class Engine {
public:
  // `baseline`: the policies a newly_allowed query compares against (diff's OLD side).
  explicit Engine(std::span<const policy::Policy* const> policies,
                  std::span<const policy::Policy* const> baseline = {},
                  const catalog::Catalog* catalog = nullptr);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The first request of the class with the wanted outcome, re-confirmed by eval::evaluate.
  [[nodiscard]] std::optional<Found> find(const Query& query);
  // One request per action class (see above) that has the wanted outcome, in catalog order.
  [[nodiscard]] std::vector<Found> find_per_action_class(const Query& query);
  // The representative actions of the query's action class, for tests and tools.
  [[nodiscard]] std::vector<std::string> action_representatives(const Query& query);

  // False when the last query used an approximation (docs/query.md): a "not found" answer is
  // then not a proof.
  [[nodiscard]] bool last_exact() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// One-shot convenience.
[[nodiscard]] std::optional<Found> find(std::span<const policy::Policy* const> policies, const Query& query);

// The Query that asks what a legacy SearchSpace asked: its action and resource exactly, its
// principal, and its fixed keys fixed (present with their values, or absent).
[[nodiscard]] Query query_from(const SearchSpace& space, Outcome outcome, const policy::Statement* decided_by);

} // namespace policylint::query
