#pragma once
// The privilege-escalation method catalog (data/escalation-methods.json, embedded at build
// time; docs/privesc.md lists it): each method is the set of requests that, all allowed,
// let a caller gain permissions it was not given.
#include <policylint/core/expected.hpp>

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policylint::privesc {

// One request of a method.
struct Step {
  std::string action;   // "iam:PassRole"
  std::string resource; // an ARN pattern the request's resource matches; empty = any resource
  // The resource is a pre-existing thing whose privileges the method gains (a role to pass,
  // a function to rewrite): a document that allows the step only on resources it names
  // escalates to those resources' permissions, which the document cannot know.
  bool target = false;
  // The caller's own resource (user/${aws:username}) gains it nothing: its own access keys
  // or password. Other steps on the caller's own resource escalate it (PutUserPolicy).
  bool self_harmless = false;
  // Allowed only on resources the document names, the step is intended delegation (a role
  // the caller is meant to assume, whose trust policy agrees), not escalation.
  bool named_is_delegation = false;
  std::string unnamed; // target steps: a pattern only resources nobody names match
  std::vector<std::pair<std::string, std::string>> context; // fixed keys, e.g. iam:PassedToService
  std::string note;     // how the request is made, e.g. "with SetAsDefault"
};

struct Method {
  std::string id;     // pathfinding.cloud id where it has one ("iam-001")
  std::string family; // credentials, policy-manipulation, trust-manipulation, ...
  std::vector<Step> steps;
  std::vector<std::string> sources;
  std::string note;
};

// The service principal a PassRole step hands the role to (its iam:PassedToService), or "".
[[nodiscard]] std::string passed_to_service(const Step& step);

// The generated embedded bytes of data/escalation-methods.json.
[[nodiscard]] std::string_view embedded_text() noexcept;

// Parses a method catalog; errors carry the offending value's position.
[[nodiscard]] Result<std::vector<Method>> parse_methods(std::string_view text, std::string name = "escalation-methods.json");

// The embedded catalog, parsed once, sorted by id.
[[nodiscard]] std::span<const Method> methods();
[[nodiscard]] const Method* find_method(std::string_view id);

} // namespace policylint::privesc
