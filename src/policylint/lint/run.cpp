#include <policylint/lint/run.hpp>

#include <policylint/core/heap_reserve.hpp>
#include <policylint/core/parallel.hpp>
#include <policylint/engine/account_runner.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

namespace policylint::lint {

namespace {

Result<SourceFile> read_input(const io::InputFile& input, std::uint64_t max_bytes) {
  if (input.path != "-") {
    return read_source_file(input.path, input.display_path, max_bytes);
  }
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    text.append(buffer, n);
    if (max_bytes != 0 && text.size() > max_bytes) {
      return fail(Error(ErrorCode::limit, fmt::format("standard input is over the limit of {} bytes (--max-file-size)", max_bytes)));
    }
  }
  return SourceFile(input.display_path, std::move(text));
}

// The files whose principals and policies make up one account, kept for the cross-policy
// findings' lines and columns and for each file's configuration.
struct AccountBatch {
  account::Account account;
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<io::InputFile> inputs;
};

// A file parsed as a plain policy keeps the small limit unless --max-file-size sets one.
RunOptions with_policy_limit(RunOptions options) {
  options.lint.max_policy_file_bytes = SizeLimits{options.max_file_size}.policy_limit();
  return options;
}

} // namespace

Run::Run(RunOptions options)
    : m_options(with_policy_limit(std::move(options))),
      m_size_limits{m_options.max_file_size},
      m_configs({m_options.config_file, m_options.no_config, !m_options.lint.selection.select.empty(),
                 m_options.fail_on, m_options.custom_rules}),
      m_baselines(m_options.baseline, m_options.write_baseline, m_options.fail_on_stale) {}

Result<void> Run::prepare() {
  m_inputs = io::collect_inputs(m_options.paths, m_options.exclude, m_options.stdin_filename);
  for (const auto& p : m_inputs.problems) {
    fmt::print(stderr, "policylint: error: {}: {}\n", output::terminal_safe(p.path, false), p.message);
    m_io_error = true;
  }
  if (!m_configs.prepare(m_inputs.files)) {
    return fail(Error(ErrorCode::usage, fmt::format("{}", fmt::join(m_configs.errors(), "\n"))));
  }
  POLICYLINT_TRY(m_baselines.prepare());
  POLICYLINT_TRY(load_guardrails());
  return {};
}

Result<void> Run::load_guardrails() {
  const auto load = [&](const std::string& path, policy::PolicyType type) -> Result<void> {
    auto file = read_source_file(path, path, m_size_limits.max_file_size.value_or(k_document_file_limit));
    if (!file) {
      return fail(Error(ErrorCode::io, fmt::format("{}: {}", path, file.error().message)));
    }
    POLICYLINT_TRY_ASSIGN(auto read, load_policy_documents(std::make_unique<SourceFile>(std::move(*file)),
                                                      m_options.lint.input_format, std::nullopt, type));
    m_guardrail_inputs.push_back(std::move(read));
    return {};
  };
  for (const auto& path : m_options.scp_files) {
    POLICYLINT_TRY(load(path, policy::PolicyType::scp));
  }
  for (const auto& path : m_options.rcp_files) {
    POLICYLINT_TRY(load(path, policy::PolicyType::rcp));
  }
  for (const auto& input : m_guardrail_inputs) {
    for (const auto& doc : input.documents) {
      m_guardrails.push_back(&doc.policy);
    }
  }
  return {};
}

const engine::Organisation* Run::with_guardrails(const engine::Organisation* configured) {
  if (m_guardrails.empty()) {
    return configured;
  }
  auto& made = m_organisations[configured];
  if (!made) {
    made = std::make_unique<engine::Organisation>(configured != nullptr ? *configured : engine::Organisation{});
    made->guardrails = m_guardrails;
  }
  return made.get();
}

void Run::add_guardrails(account::Account& account) const {
  for (const auto& input : m_guardrail_inputs) {
    for (const auto& doc : input.documents) {
      account.organisation_policies.push_back(account.documents.size());
      account::PolicyDoc added;
      added.name = doc.origin.empty() ? input.file->path() : doc.origin;
      added.file = input.file->path();
      added.anchor = doc.policy.range;
      added.policy = doc.policy;
      account.documents.push_back(std::move(added));
    }
  }
}

FixOutcome Run::fix(FixMode mode) {
  const FixScope scope{[&](const io::InputFile& input) { return m_configs.options_for(input, m_options.lint); },
                       [&](const io::InputFile& input, std::vector<engine::Diagnostic>& found) {
                         m_configs.drop_suppressed(input, found);
                         m_baselines.hide(found); // a baselined finding is not fixed either
                       }};
  FixOutcome fixed = fix_inputs(m_inputs.files, scope, mode, m_size_limits, m_options.quiet);
  m_io_error = m_io_error || fixed.failed;
  return fixed;
}

Result<output::Report> Run::lint() {
  output::Report report;
  AccountBatch batch;
  const auto lint_account = [&] {
    engine::AccountLintOptions account_options;
    account_options.jobs = m_options.jobs == 0 ? core::available_cores() : m_options.jobs;
    for (const auto& f : batch.files) {
      account_options.sources.push_back(f.get());
    }
    add_guardrails(batch.account);
    auto account_findings = engine::lint_account(batch.account, m_options.lint, account_options);
    // Each cross-policy finding follows the suppressions, overrides and baseline of the file it
    // is anchored in.
    for (std::size_t i = 0; i < batch.files.size(); ++i) {
      std::vector<engine::Diagnostic> in_file;
      for (auto& d : account_findings) {
        if (d.rule != nullptr && d.file == batch.files[i]->path()) {
          in_file.push_back(std::move(d));
          d.rule = nullptr; // taken
        }
      }
      const auto file_options = m_configs.options_for(batch.inputs[i], m_options.lint); // per-path-ignores
      std::erase_if(in_file, [&](const engine::Diagnostic& d) {
        return !file_options || !file_options->selection.enabled(*d.rule);
      });
      m_configs.filter(batch.inputs[i], in_file);
      baseline::stamp(*batch.files[i], in_file);
      report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(in_file.begin()),
                                std::make_move_iterator(in_file.end()));
    }
    std::erase_if(account_findings, [](const engine::Diagnostic& d) { return d.rule == nullptr; });
    report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(account_findings.begin()),
                              std::make_move_iterator(account_findings.end()));
    batch = AccountBatch{};
  };
  // Reading and linting a file touches nothing shared, so files go through that on `jobs`
  // threads (core/parallel.hpp), a window at a time to bound memory; everything else (account,
  // configuration filters, baseline, report) follows in input order, as a plain loop would.
  struct Linted {
    std::optional<engine::LintOptions> options;
    Result<SourceFile> file;
    std::vector<engine::Diagnostic> found;
    account::Account account;
    bool not_iam = false;
  };
  const unsigned jobs = m_options.jobs == 0 ? core::available_cores() : m_options.jobs;
  const std::size_t window_size = std::size_t{4} * jobs;
  const auto& files = m_inputs.files;
  core::reserve_heap_for_input(io::total_size(files));
  std::vector<Linted> window;
  for (std::size_t at = 0; at < files.size(); ++at) {
    if (at % window_size == 0) {
      const std::size_t first = at;
      std::vector<std::optional<engine::LintOptions>> window_options; // the configuration session is not shared
      for (std::size_t i = first; i < std::min(first + window_size, files.size()); ++i) {
        window_options.push_back(m_configs.options_for(files[i], m_options.lint));
        if (window_options.back()) {
          window_options.back()->organisation = with_guardrails(window_options.back()->organisation);
          window_options.back()->document_jobs = jobs;
        }
      }
      window = core::parallel_map(window_options.size(), jobs, [&](std::size_t i) {
        Linted l{std::move(window_options[i]), fail(Error{ErrorCode::internal, "not read"}), {}, {}, false};
        if (l.options) {
          l.file = read_input(files[first + i], m_size_limits.read_limit(files[first + i]));
          if (l.file) {
            auto linted = engine::lint_input(*l.file, *l.options, &l.account);
            l.found = std::move(linted.findings);
            l.not_iam = linted.not_iam;
          }
        }
        return l;
      });
    }
    if (m_options.on_progress) {
      m_options.on_progress(at, files.size());
    }
    const io::InputFile& input = files[at];
    Linted& linted = window[at % window_size];
    if (!linted.options) {
      continue; // excluded by its configuration
    }
    auto& file = linted.file;
    if (!file) {
      if (file.error().code == ErrorCode::limit) {
        report.diagnostics.push_back(
            engine::file_level_diagnostic(input.display_path, "input-limit-exceeded", file.error().message));
        ++report.files_linted;
      } else {
        fmt::print(stderr, "policylint: error: {}: {}\n", output::terminal_safe(input.display_path, false),
                   file.error().message);
        m_io_error = true;
      }
      continue;
    }
    if (linted.not_iam) {
      report.files_not_iam.push_back(input.display_path); // counted, never an error
      continue;
    }
    const std::size_t account_size = batch.account.documents.size() + batch.account.principals.size();
    batch.account.merge(std::move(linted.account));
    auto found = std::move(linted.found);
    m_configs.filter(input, found);
    baseline::stamp(*file, found);
    report.diagnostics.insert(report.diagnostics.end(), std::make_move_iterator(found.begin()),
                              std::make_move_iterator(found.end()));
    ++report.files_linted;
    if (batch.account.documents.size() + batch.account.principals.size() != account_size) {
      batch.files.push_back(std::make_unique<SourceFile>(std::move(*file)));
      batch.inputs.push_back(input);
      if (m_options.account_scope == AccountScope::file) {
        lint_account();
      }
    }
  }
  if (!batch.files.empty()) {
    lint_account();
  }
  engine::sort_diagnostics(report.diagnostics);
  POLICYLINT_TRY(m_baselines.finish(report.diagnostics, m_inputs.files));
  return report;
}

bool Run::failing(const output::Report& report, const std::string& fallback) const {
  return m_configs.failing(report.diagnostics, fallback);
}

void Run::print_notes(std::FILE* out) const {
  m_configs.print_notes(out);
  m_baselines.print_notes(out);
}

} // namespace policylint::lint
