#include <policylint/config/session.hpp>

#include <policylint/core/path_glob.hpp>

#include <policylint/config/discover.hpp>
#include <policylint/engine/json_pointer.hpp>
#include <policylint/engine/selection.hpp>
#include <policylint/engine/severity.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace policylint::config {

namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

std::string relative_to(const fs::path& path, const std::string& base) {
  return absolute_normal(path).lexically_relative(fs::path(base)).generic_string();
}

// Relative to the working directory when the file is below it (as messages show paths).
std::string display_path(const fs::path& absolute) {
  const fs::path relative = absolute.lexically_relative(absolute_normal("."));
  const std::string text = relative.generic_string();
  return relative.empty() || text.starts_with("..") ? absolute.generic_string() : text;
}


} // namespace


Config* Session::load(const std::string& path, const std::string& base_dir) {
  auto& slot = m_configs[path];
  if (slot) {
    return slot.get();
  }
  auto loaded = load_config(path, base_dir, m_cli.custom_rules);
  if (!loaded) {
    const std::string& message = loaded.error().message; // one problem per line
    for (std::size_t start = 0; start <= message.size();) {
      const auto end = std::min(message.find('\n', start), message.size());
      m_errors.push_back(message.substr(start, end - start));
      start = end + 1;
    }
    slot = std::make_unique<Config>(); // remembered, so the error is reported once
    slot->base_dir = base_dir;
    return nullptr;
  }
  slot = std::make_unique<Config>(std::move(*loaded));
  return slot.get();
}

bool Session::prepare(const std::vector<io::InputFile>& inputs) {
  if (m_cli.no_config) {
    return true;
  }
  Config* forced = nullptr;
  if (!m_cli.config_file.empty()) {
    // An explicit config's globs are relative to the working directory, like the paths on
    // the command line.
    forced = load(m_cli.config_file, absolute_normal(".").string());
  }
  for (const io::InputFile& input : inputs) {
    const bool from_stdin = input.path == "-";
    const fs::path path =
        from_stdin ? fs::path(input.display_path == "<stdin>" ? "stdin" : input.display_path) : fs::path(input.path);
    Config* config = forced;
    if (m_cli.config_file.empty()) {
      const std::string dir = absolute_normal(path).parent_path().string();
      auto cached = m_by_directory.find(dir);
      if (cached == m_by_directory.end()) {
        Config* found = nullptr;
        if (const auto file = find_config_file(dir)) {
          found = load(display_path(*file), file->parent_path().string());
        }
        cached = m_by_directory.emplace(dir, found).first;
      }
      config = cached->second;
    }
    if (config != nullptr) {
      m_files[input.display_path] = FileState{config, relative_to(path, config->base_dir)};
    }
  }
  return m_errors.empty();
}

const Session::FileState* Session::state_of(const std::string& display_path) const {
  const auto it = m_files.find(display_path);
  return it == m_files.end() ? nullptr : &it->second;
}

std::optional<engine::LintOptions> Session::options_for(const io::InputFile& input,
                                                        const engine::LintOptions& base) const {
  const FileState* state = state_of(input.display_path);
  if (state == nullptr) {
    return base;
  }
  const Config& config = *state->config;
  const auto matches = [&](const std::string& glob) { return core::path_matches(glob, state->relative); };
  if (std::any_of(config.exclude.begin(), config.exclude.end(), matches)) {
    return std::nullopt;
  }
  engine::LintOptions options = base;
  if (!m_cli.select_given) {
    options.selection.select = config.select.value_or(std::vector<std::string>{});
    auto ignore = config.ignore.value_or(std::vector<std::string>{});
    ignore.insert(ignore.end(), base.selection.ignore.begin(), base.selection.ignore.end());
    options.selection.ignore = std::move(ignore);
  }
  for (const auto& entry : config.per_path_ignores) {
    if (matches(entry.glob)) {
      options.selection.ignore.insert(options.selection.ignore.end(), entry.selectors.begin(), entry.selectors.end());
    }
  }
  if (!options.forced_kind) {
    for (const auto& entry : config.input_kinds) {
      if (matches(entry.glob)) {
        options.forced_kind = entry.kind;
        if (!options.policy_type) {
          options.policy_type = entry.type;
        }
        break; // the first matching entry wins
      }
    }
  }
  if (!config.organisation.empty()) {
    options.organisation = &config.organisation;
  }
  return options;
}

namespace {

bool suppresses(const Suppression& s, const engine::Diagnostic& d) {
  return engine::selector_matches(s.rule, *d.rule) && (s.sid.empty() || s.sid == d.sid) &&
         (s.pointer.empty() || engine::pointer_within(d.pointer, s.pointer));
}

} // namespace

std::vector<const Suppression*> Session::applicable_suppressions(const FileState& state) const {
  std::vector<const Suppression*> out;
  for (const auto& s : state.config->suppressions) {
    if (core::path_matches(s.path, state.relative)) {
      out.push_back(&s);
    }
  }
  return out;
}

void Session::filter(const io::InputFile& input, std::vector<engine::Diagnostic>& found) {
  const FileState* state = state_of(input.display_path);
  if (state == nullptr) {
    return;
  }
  const Config& config = *state->config;
  const auto applicable = applicable_suppressions(*state);
  for (const Suppression* s : applicable) {
    m_uses[s].applies_to_a_file = true;
  }
  std::erase_if(found, [&](const engine::Diagnostic& d) {
    for (const Suppression* s : applicable) {
      if (suppresses(*s, d)) {
        m_uses[s].used = true;
        ++m_suppressed;
        return true;
      }
    }
    return false;
  });
  for (auto& d : found) {
    const auto overridden = config.overridden_rules.find(d.rule->code);
    if (overridden != config.overridden_rules.end()) {
      d.rule = &overridden->second;
    }
  }
}

void Session::drop_suppressed(const io::InputFile& input, std::vector<engine::Diagnostic>& found) const {
  const FileState* state = state_of(input.display_path);
  if (state == nullptr) {
    return;
  }
  const auto applicable = applicable_suppressions(*state);
  std::erase_if(found, [&](const engine::Diagnostic& d) {
    return std::any_of(applicable.begin(), applicable.end(), [&](const Suppression* s) { return suppresses(*s, d); });
  });
}

bool Session::failing(const std::vector<engine::Diagnostic>& diagnostics, const std::string& fallback) const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const engine::Diagnostic& d) {
    std::string level = fallback;
    if (m_cli.fail_on) {
      level = *m_cli.fail_on;
    } else if (const FileState* state = state_of(d.file); state != nullptr && state->config->fail_on) {
      level = *state->config->fail_on;
    }
    const auto threshold = engine::parse_level(level);
    return threshold && engine::level_of(d.rule->severity) >= *threshold; // "none": never
  });
}

void Session::print_notes(std::FILE* out) const {
  for (const auto& [path, config] : m_configs) {
    for (const auto& s : config->suppressions) {
      const auto use = m_uses.find(&s);
      if (use != m_uses.end() && use->second.applies_to_a_file && !use->second.used) {
        fmt::print(out, "policylint: warning: {}:{}:{}: suppression of {} for {} matched no finding\n", path,
                   s.position.line, s.position.column, s.rule, s.path);
      }
    }
  }
  if (m_suppressed > 0) {
    fmt::print(out, "policylint: {} finding{} suppressed by configuration\n", m_suppressed,
               m_suppressed == 1 ? "" : "s");
  }
}

} // namespace policylint::config
