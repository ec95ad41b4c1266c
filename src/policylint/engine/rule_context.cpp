#include <policylint/engine/rule_context.hpp>

namespace policylint::engine {

Diagnostic& RuleContext::vreport(SourceRange range, fmt::string_view format, fmt::format_args args) {
  Diagnostic& d = m_sink.emplace_back();
  d.rule = &m_rule;
  d.range = range;
  d.message = fmt::vformat(format, args);
  return d;
}

} // namespace policylint::engine
