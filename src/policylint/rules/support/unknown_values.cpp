#include <policylint/rules/support/unknown_values.hpp>

namespace policylint::rules::support {

bool wildcard_written(const SourceFile* file, SourceRange range) {
  if (file == nullptr || range.empty() || range.end > file->text().size()) {
    return true;
  }
  const std::string_view text = file->text().substr(range.begin, range.end - range.begin);
  return text.find_first_of("*?\\%") != std::string_view::npos; // '\\' and '%': escaped spellings
}

policy::Policy with_unknown_condition_values(const policy::Policy& policy, const SourceFile* file, bool& changed) {
  policy::Policy out = policy;
  changed = false;
  for (auto& st : out.statements) {
    for (auto& c : st.conditions) {
      for (auto& v : c.values) {
        if (v.type == policy::ValueType::string && v.text.find_first_of("*?") != std::string::npos &&
            !wildcard_written(file, v.range)) {
          v.text = k_unknown_value;
          changed = true;
        }
      }
    }
  }
  return out;
}

} // namespace policylint::rules::support
