#pragma once
#include <policylint/engine/diagnostic.hpp>
#include <policylint/engine/rule.hpp>

#include <fmt/format.h>

#include <vector>

namespace policylint::engine {

// What a rule reports through. report() is a thin compile-time-checked template over the
// type-erased vreport(), so every rule shares one formatting path.
class RuleContext {
public:
  RuleContext(const RuleInfo& rule, std::vector<Diagnostic>& sink) : m_rule(rule), m_sink(sink) {}

  template <class... Args>
  Diagnostic& report(SourceRange range, fmt::format_string<Args...> format, Args&&... args) {
    return vreport(range, static_cast<fmt::string_view>(format), fmt::make_format_args(args...));
  }

  Diagnostic& vreport(SourceRange range, fmt::string_view format, fmt::format_args args);

  [[nodiscard]] const RuleInfo& rule() const { return m_rule; }

private:
  const RuleInfo& m_rule;
  std::vector<Diagnostic>& m_sink;
};

} // namespace policylint::engine
