#pragma once
#include <policylint/catalog/catalog.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/organisation.hpp>
#include <policylint/policy/model.hpp>

namespace policylint::engine {

// One policy document as rules see it: the model and the file it came from. Rules never
// see JSON or simdjson types.
struct PolicyUnit {
  const SourceFile* file = nullptr;
  policy::Policy policy;
  const catalog::Catalog* catalog = nullptr; // the embedded catalog, or --catalog FILE
  const Organisation* organisation = nullptr; // from the config file; nullptr: none configured
  // The input also declares a user, group or role this document is attached to (a template, a
  // snapshot): the cross-policy rules judge it with that principal's other policies.
  bool attached_to_declared_principal = false;
};

} // namespace policylint::engine
