#pragma once
// Lints policy text in memory, as the CLI would lint a file of that content.
#include <policylint/engine/registry.hpp>
#include <policylint/engine/runner.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::testing {

inline std::vector<engine::Diagnostic> lint_text(std::string_view text, std::vector<std::string> select = {},
                                                 std::string name = "policy.json") {
  const SourceFile file(std::move(name), std::string(text));
  engine::LintOptions options;
  options.selection.select = std::move(select);
  return engine::lint_source(file, options);
}

inline std::vector<std::string> codes_of(const std::vector<engine::Diagnostic>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    out.push_back(d.rule->code);
  }
  return out;
}

inline bool has_code(const std::vector<engine::Diagnostic>& ds, std::string_view code) {
  for (const auto& d : ds) {
    if (d.rule->code == code) {
      return true;
    }
  }
  return false;
}

} // namespace policylint::testing

#include <doctest/doctest.h>

namespace policylint::testing {

// 1-based line and byte column of the first occurrence of `needle` (ASCII test policies).
inline Position position_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  Position p;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// The findings of one rule alone; with a policy type, as `--policy-type` would lint the text.
inline std::vector<engine::Diagnostic> lint_only(const std::string& text, const std::string& code,
                                                 std::optional<policy::PolicyType> type = std::nullopt) {
  engine::LintOptions options;
  options.selection.select = {code};
  options.policy_type = type;
  auto ds = engine::lint_source(SourceFile("policy.json", text), options);
  std::erase_if(ds, [&](const engine::Diagnostic& d) { return d.rule->code != code; });
  return ds;
}

// One statement, written out the way people write policies (an element per line), for rule
// tests that vary one element. Each field is raw JSON; an empty one is left out.
struct StatementText {
  std::string sid;
  std::string effect = "Allow";
  std::string principal;
  std::string action;
  std::string resource;
  std::string condition;
};

inline std::string one_statement_policy(const StatementText& st) {
  std::string body;
  const auto add = [&](const char* name, const std::string& json) {
    if (!json.empty()) {
      body += std::string(body.empty() ? "" : ",\n") + "      \"" + name + "\": " + json;
    }
  };
  add("Sid", st.sid.empty() ? std::string() : "\"" + st.sid + "\"");
  add("Effect", "\"" + st.effect + "\"");
  add("Principal", st.principal);
  add("Action", st.action);
  add("Resource", st.resource);
  add("Condition", st.condition);
  return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n" + body + "\n    }\n  ]\n}\n";
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

} // namespace policylint::testing
