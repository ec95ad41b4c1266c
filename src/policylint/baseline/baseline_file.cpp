#include <policylint/baseline/baseline.hpp>

#include <policylint/io/output_file.hpp>
#include <policylint/engine/rule.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/output/json_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

namespace policylint::baseline {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t k_max_baseline_bytes = 256U * 1024U * 1024U;

std::string absolute_dir_of(const std::string& file) {
  std::error_code ec;
  const fs::path abs = fs::absolute(file, ec);
  return (ec ? fs::path(file) : abs).lexically_normal().parent_path().string();
}

std::string at(const SourceFile& file, SourceRange range, std::string_view message) {
  const Position p = file.position(range.begin);
  return fmt::format("{}:{}:{}: {}", file.path(), p.line, p.column, message);
}

using Key = std::tuple<std::string, std::string, std::string>; // path, rule, fingerprint

} // namespace

std::string baseline_path(const std::string& file, const std::string& baseline_dir) {
  if (file.empty() || file.front() == '<') {
    return file; // <stdin>
  }
  std::error_code ec;
  const fs::path abs = fs::absolute(file, ec);
  if (ec) {
    return fs::path(file).generic_string();
  }
  return abs.lexically_normal().lexically_relative(baseline_dir).generic_string();
}

std::vector<Entry> entries_for(const std::vector<engine::Diagnostic>& diagnostics, const std::string& baseline_dir) {
  std::vector<Entry> out;
  out.reserve(diagnostics.size());
  for (const auto& d : diagnostics) {
    out.push_back(Entry{d.rule->code, baseline_path(d.file, baseline_dir), location_key(d), d.fingerprint});
  }
  return out;
}

std::string render(std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.path, a.rule, a.location, a.fingerprint) < std::tie(b.path, b.rule, b.location, b.fingerprint);
  });
  std::string out =
      fmt::format("{{\n  \"version\": {},\n  \"tool\": \"policylint\",\n  \"findings\": [", k_format_version);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    out += i == 0 ? "\n    {\"rule\": " : ",\n    {\"rule\": ";
    output::append_json_string(out, e.rule);
    out += ", \"path\": ";
    output::append_json_string(out, e.path);
    out += ", \"location\": ";
    output::append_json_string(out, e.location);
    out += ", \"fingerprint\": ";
    output::append_json_string(out, e.fingerprint);
    out += "}";
  }
  out += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

Result<Baseline> read(const std::string& path) {
  auto file = read_source_file(path, path, k_max_baseline_bytes);
  if (!file) {
    return fail(Error(ErrorCode::io, fmt::format("{}: cannot read the baseline: {}", path, file.error().message)));
  }
  auto tree = json::parse(*file);
  if (!tree) {
    return fail(Error(ErrorCode::invalid_input,
                      at(*file, tree.error().range.value_or(SourceRange{}), "invalid JSON: " + tree.error().message)));
  }
  const json::Value& root = *tree;
  if (!root.is_object()) {
    return fail(Error(ErrorCode::invalid_input, at(*file, root.range, "a baseline is a JSON object")));
  }
  const json::Value* version = root.find("version");
  if (version == nullptr) {
    return fail(Error(ErrorCode::invalid_input, at(*file, root.range, "the baseline has no \"version\"")));
  }
  if (version->kind != json::Kind::number || version->text != std::to_string(k_format_version)) {
    return fail(Error(ErrorCode::invalid_input,
                      at(*file, version->range,
                         fmt::format("unsupported baseline version {} (this policylint reads version {}; "
                                     "rewrite it with --write-baseline)",
                                     version->text.empty() ? "?" : version->text, k_format_version))));
  }
  const json::Value* findings = root.find("findings");
  if (findings == nullptr || !findings->is_array()) {
    return fail(Error(ErrorCode::invalid_input,
                      at(*file, findings == nullptr ? root.range : findings->range, "\"findings\" must be a list")));
  }
  Baseline out;
  for (const json::Value& item : findings->items) {
    if (!item.is_object()) {
      return fail(Error(ErrorCode::invalid_input, at(*file, item.range, "each finding is an object")));
    }
    Entry e;
    for (const auto& [name, field] : {std::pair<const char*, std::string*>{"rule", &e.rule},
                                      {"path", &e.path},
                                      {"fingerprint", &e.fingerprint},
                                      {"location", &e.location}}) {
      const json::Value* v = item.find(name);
      const bool informative = std::string_view(name) == "location"; // may be absent or "" (whole document)
      if (informative && (v == nullptr || (v->is_string() && v->text.empty()))) {
        continue;
      }
      if (v == nullptr || !v->is_string() || v->text.empty()) {
        return fail(
            Error(ErrorCode::invalid_input, at(*file, v == nullptr ? item.range : v->range,
                                               fmt::format("each finding needs a non-empty string \"{}\"", name))));
      }
      *field = v->text;
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

Outcome apply(const Baseline& baseline, const std::string& baseline_dir, std::vector<engine::Diagnostic>& diagnostics,
              const std::vector<std::string>& linted) {
  std::map<Key, std::size_t> remaining;
  for (const Entry& e : baseline.entries) {
    ++remaining[Key{e.path, e.rule, e.fingerprint}];
  }
  Outcome outcome;
  std::erase_if(diagnostics, [&](const engine::Diagnostic& d) {
    const auto it = remaining.find(Key{baseline_path(d.file, baseline_dir), d.rule->code, d.fingerprint});
    if (it == remaining.end() || it->second == 0) {
      return false;
    }
    --it->second;
    ++outcome.hidden;
    return true;
  });
  std::set<std::string> linted_paths;
  for (const auto& f : linted) {
    linted_paths.insert(baseline_path(f, baseline_dir));
  }
  for (const auto& [key, count] : remaining) {
    // Also stale: entries for a file that no longer exists (deleted or renamed).
    std::error_code ec;
    const std::string& path = std::get<0>(key);
    const bool gone = !path.starts_with('<') && !fs::exists(fs::path(baseline_dir) / path, ec) && !ec;
    if (linted_paths.count(path) != 0 || gone) {
      outcome.stale += count;
    }
  }
  return outcome;
}

Result<void> Run::prepare() {
  if (m_read_path.empty()) {
    return {};
  }
  POLICYLINT_TRY_ASSIGN(m_baseline, read(m_read_path));
  return {};
}

Result<void> Run::finish(std::vector<engine::Diagnostic>& diagnostics, const std::vector<io::InputFile>& inputs) {
  std::vector<std::string> linted;
  for (const auto& input : inputs) {
    linted.push_back(input.display_path);
  }
  std::string dir;
  if (!m_write_path.empty()) {
    dir = absolute_dir_of(m_write_path);
    m_baseline.entries = entries_for(diagnostics, dir);
    POLICYLINT_TRY(io::write_output(m_write_path, render(m_baseline.entries)));
    m_written = m_baseline.entries.size();
  } else if (!m_read_path.empty()) {
    dir = absolute_dir_of(m_read_path);
  } else {
    return {};
  }
  m_outcome = apply(m_baseline, dir, diagnostics, linted);
  return {};
}

void Run::hide(std::vector<engine::Diagnostic>& found) const {
  if (m_read_path.empty() || !m_write_path.empty()) {
    return; // --write-baseline accepts today's findings only after they are reported
  }
  (void)apply(m_baseline, absolute_dir_of(m_read_path), found, {});
}

void Run::print_notes(std::FILE* out) const {
  if (!m_write_path.empty()) {
    fmt::print(out, "policylint: wrote {} finding{} to the baseline {}\n", m_written, m_written == 1 ? "" : "s",
               m_write_path);
    return;
  }
  if (m_read_path.empty()) {
    return;
  }
  if (m_outcome.hidden > 0) {
    fmt::print(out, "policylint: {} finding{} hidden by the baseline {}\n", m_outcome.hidden,
               m_outcome.hidden == 1 ? "" : "s", m_read_path);
  }
  if (m_outcome.stale > 0) {
    fmt::print(out,
               "policylint: {} baseline entr{} stale (the finding is gone); refresh the baseline with "
               "--write-baseline {}\n",
               m_outcome.stale, m_outcome.stale == 1 ? "y is" : "ies are", m_read_path);
  }
}

} // namespace policylint::baseline
