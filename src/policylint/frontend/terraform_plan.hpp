#pragma once
// Terraform plans (`terraform show -json`, format versions 0.1, 0.2 and 1.x). Resources are
// read from planned_values.root_module (child modules included, recursively), data sources
// also from prior_state, and resource_changes[].change.after for resources the planned values
// lack. Policies are JSON strings: decoded, parsed, and mapped back to the plan's bytes.
// An attribute unknown until apply (change.after_unknown) is reported (PL022) instead of
// being skipped silently.
#include <policylint/frontend/collector.hpp>

namespace policylint::frontend {

[[nodiscard]] bool looks_like_plan(const json::Value& root);
void extract_terraform_plan(const json::Value& root, Collector& collector);

} // namespace policylint::frontend
