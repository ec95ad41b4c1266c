#include <policylint/engine/runner.hpp>

#include <policylint/engine/json_pointer.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/fix/fixer.hpp>
#include <policylint/frontend/frontend.hpp>
#include <policylint/frontend/lint_documents.hpp>
#include <policylint/frontend/terraform_hcl.hpp>
#include <policylint/policy/builder.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace policylint::engine {

namespace {

constexpr std::size_t k_max_source_line = 4096; // the text writer shows lines up to 500 bytes

const RuleInfo& rule_or_die(std::string_view name) {
  const RuleInfo* rule = find_rule(name);
  if (rule == nullptr) {
    std::fprintf(stderr, "policylint: internal error: no rule named %.*s\n", static_cast<int>(name.size()), name.data());
    std::abort();
  }
  return *rule;
}

// Positions, source lines and order: what every finding of a file gets last.
void finish(const SourceFile& file, std::vector<Diagnostic>& out) {
  for (Diagnostic& d : out) {
    d.file = file.path();
    d.location = file.locate(d.range);
    // Writers only show short lines; copying a multi-megabyte line into every finding of a
    // one-line document would make memory grow with findings × file size.
    const std::string_view line = file.line_text(d.location.start.line);
    if (line.size() <= k_max_source_line) {
      d.source_line = std::string(line);
    }
  }
  sort_diagnostics(out);
}

} // namespace

Diagnostic& RuleContext::vreport(SourceRange range, fmt::string_view format, fmt::format_args args) {
  Diagnostic& d = m_sink.emplace_back();
  d.rule = &m_rule;
  d.range = range;
  d.message = fmt::vformat(format, args);
  return d;
}

std::vector<Diagnostic> lint_source(const SourceFile& file, const LintOptions& options) {
  return lint_source(file, options, nullptr);
}

std::vector<Diagnostic> lint_source(const SourceFile& file, const LintOptions& options, account::Account* account) {
  std::vector<Diagnostic> out;
  auto add = [&](std::string_view rule_name, SourceRange range, std::string message) {
    const RuleInfo& rule = rule_or_die(rule_name);
    if (!options.selection.enabled(rule)) {
      return;
    }
    Diagnostic& d = out.emplace_back();
    d.rule = &rule;
    d.range = range;
    d.message = std::move(message);
  };

  using frontend::InputFormat;
  const InputFormat format = options.input_format;
  if (format == InputFormat::terraform || (format == InputFormat::auto_detect && frontend::is_terraform_path(file.path()))) {
    // HCL, not JSON: the documents are trees converted from the HCL, with ranges on its tokens.
    auto extraction = frontend::extract_terraform_hcl(file, options.limits);
    lint_extraction(file, options, extraction, nullptr, out);
    if (account != nullptr) {
      account->merge(std::move(extraction.account));
    }
    finish(file, out);
    return out;
  }
  auto tree = json::parse(file, options.limits);
  std::optional<InputFormat> detected;
  if (format != InputFormat::policy) {
    // Templates, plans, snapshots, CLI responses: see frontend/ and docs/inputs.md.
    if (tree) {
      detected = format == InputFormat::auto_detect ? frontend::detect_format(*tree) : format;
    } else if (frontend::should_try_yaml(file, format)) {
      detected = InputFormat::cloudformation;
    }
  }
  if (detected && *detected != InputFormat::policy) {
    auto extraction = tree ? frontend::extract(file, *tree, *detected, options.limits)
                           : frontend::extract_yaml_template(file, options.limits);
    // The file's own tree: the parsed JSON, or for YAML the converted tree the extraction keeps last.
    const json::Value* file_root = tree ? &*tree : extraction.trees.empty() ? nullptr : extraction.trees.back().get();
    lint_extraction(file, options, extraction, file_root, out);
    if (account != nullptr) {
      account->merge(std::move(extraction.account));
    }
  } else if (!tree) {
    const Error& e = tree.error();
    add(e.code == ErrorCode::limit ? "input-limit-exceeded" : "invalid-json", e.range.value_or(SourceRange{0, file.size() > 0 ? 1U : 0U}),
        e.message);
  } else {
    policy::BuildOptions build_options;
    build_options.forced_kind = options.forced_kind;
    build_options.max_statements = options.limits.max_statements;
    auto built = policy::build_policy(*tree, build_options);
    for (auto& issue : built.issues) {
      add(issue.rule, issue.range, std::move(issue.message));
    }
    PolicyUnit unit{&file, std::move(built.policy),
                    options.catalog != nullptr ? options.catalog : &catalog::embedded_catalog(), options.organisation};
    for (const RuleInfo& rule : all_rules()) {
      if (rule.check != nullptr && options.selection.enabled(rule)) {
        RuleContext ctx(rule, out);
        rule.check(unit, ctx);
      }
    }
    for (const RuntimeRule& rule : options.runtime_rules) {
      if (rule.check && options.selection.enabled(rule.info)) {
        RuleContext ctx(rule.info, out);
        rule.check(unit, ctx);
      }
    }
    annotate_pointers(*tree, out);
    fix::attach_fixes(unit, out);
  }
  finish(file, out);
  return out;
}

Diagnostic file_level_diagnostic(const std::string& path, std::string_view rule, std::string message) {
  Diagnostic d;
  d.rule = &rule_or_die(rule);
  d.file = path;
  d.range = SourceRange{0, 0};
  d.location.start = Position{1, 1};
  d.location.end = Position{1, 1};
  d.message = std::move(message);
  return d;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) {
      return a.file < b.file;
    }
    if (a.range.begin != b.range.begin) {
      return a.range.begin < b.range.begin;
    }
    if (a.rule->code != b.rule->code) {
      return a.rule->code < b.rule->code;
    }
    return a.message < b.message;
  });
}

} // namespace policylint::engine
