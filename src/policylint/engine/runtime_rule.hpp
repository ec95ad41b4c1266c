#pragma once
// Rules defined at run time — custom checks loaded with `check --rules DIR`. The built-in
// table is static; these live as long as the set that owns them (the command's), and their
// judgement is a closure over the check's data instead of a function pointer.
#include <policylint/engine/rule.hpp>

#include <functional>

namespace policylint::engine {

struct PolicyUnit;
class RuleContext;

struct RuntimeRule {
  RuleInfo info; // info.check stays nullptr; `check` below does the work
  std::function<void(const PolicyUnit& unit, RuleContext& ctx)> check;
};

} // namespace policylint::engine
