#pragma once
// Which escalation methods do these policies (one principal's set, or one document) allow?
// Decided by the exact query engine, step by step: each step is a request class (action,
// resource pattern, fixed keys such as iam:PassedToService) that must contain an allowed
// request, so conditions, resource ARNs, NotAction/NotResource and Denies all count. Each
// request returned was confirmed by eval::evaluate.
#include <policylint/catalog/catalog.hpp>
#include <policylint/privesc/methods.hpp>
#include <policylint/query/engine.hpp>

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace policylint::privesc {

struct StepRequest {
  const Step* step = nullptr;
  query::Found found; // the allowed request
  // A target step the policies allow only on resources they name: the method escalates to
  // those resources' permissions, which the policies alone cannot tell.
  bool named = false;
};

struct MethodHit {
  const Method* method = nullptr;
  std::vector<StepRequest> steps; // in the method's order
  [[nodiscard]] bool named() const;
};

// Could this document change what a Detector finds for these methods? Only when it has a
// Deny, or an Allow that names one of their actions (or an action of every service): a
// document of S3 grants alone may be left out of a principal's set without changing an answer.
[[nodiscard]] bool may_matter(const policy::Policy& policy, std::span<const Method> catalog);

// The methods whose requests several documents can grant between them: all but those of
// one request that no longer method shares. One request is granted by documents together only
// if one of them grants it alone (another document's Deny only takes away), so such a method
// is the per-document rules' to report, and it covers no longer method.
[[nodiscard]] std::vector<Method> splittable(std::span<const Method> catalog);

class Detector {
public:
  explicit Detector(std::span<const policy::Policy* const> policies, const catalog::Catalog* catalog = nullptr);
  ~Detector();
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;

  // Every request of every action is allowed by some Allow, whatever the resource and
  // context (Denies aside): escalation is moot, the policies already grant everything.
  [[nodiscard]] bool allows_everything();

  // The method's requests, or nullopt when some step has no allowed request.
  [[nodiscard]] std::optional<MethodHit> find(const Method& method);

  // Every method of `catalog` the policies allow, leaving out a method when another one
  // found needs a strict subset of its steps (iam-014 = iam-009 + sts:AssumeRole).
  [[nodiscard]] std::vector<MethodHit> find_all(std::span<const Method> catalog);

  // The step allowed on exactly `resource` (a principal's ARN that a target step may name),
  // with the step's fixed keys: whether the policies hand over that principal in particular.
  [[nodiscard]] std::optional<query::Found> allows_step_on(const Step& step, const std::string& resource);

  // False when some answer used an approximation of the engine (docs/query.md).
  [[nodiscard]] bool exact() const;

  // The detector's engine over the same policies, for other questions about them: its caches
  // (resource and action classes) then serve both.
  [[nodiscard]] query::Engine& engine();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace policylint::privesc
