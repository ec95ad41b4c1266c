#pragma once
#include <policylint/catalog/catalog.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/organisation.hpp>
#include <policylint/policy/model.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

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

  // Work several rules need on this document (the escalation methods it allows, for PL401,
  // PL402 and PL410), made by the first rule that asks and read by the others. A unit is one
  // document on one thread, so nothing here is shared across documents or threads.
  template <class T, class Make>
  T& shared_work(std::string_view key, Make&& make) const {
    auto it = work_cache.find(key);
    if (it == work_cache.end()) {
      it = work_cache.emplace(std::string(key), std::shared_ptr<void>(make())).first;
    }
    return *static_cast<T*>(it->second.get());
  }
  // shared_work()'s store; public only so that a unit stays an aggregate.
  mutable std::map<std::string, std::shared_ptr<void>, std::less<>> work_cache{};
};

} // namespace policylint::engine
