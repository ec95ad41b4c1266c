#include <policylint/engine/rule.hpp>
#include <policylint/output/key_names.hpp>
#include <policylint/output/report.hpp>

#include <fmt/format.h>

namespace policylint::output {

namespace {

std::string_view colour_of(engine::Level level) {
  switch (level) {
  case engine::Level::error: return "\x1b[1;31m";
  case engine::Level::warning: return "\x1b[1;33m";
  case engine::Level::note: return "\x1b[1;36m";
  }
  return "";
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  }
  return n;
}

// Tabs keep their width in the caret line so the caret lands under the token.
std::string caret_line(std::string_view line, std::uint32_t column, std::uint32_t width) {
  std::string out;
  std::uint32_t col = 1;
  for (std::size_t i = 0; i < line.size() && col < column; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) {
      continue;
    }
    out.push_back(line[i] == '\t' ? '\t' : ' ');
    ++col;
  }
  out.push_back('^');
  for (std::uint32_t i = 1; i < width; ++i) {
    out.push_back('~');
  }
  return out;
}

} // namespace

// Policy text is untrusted: escape sequences in a Sid or a condition value must not reach
// the terminal. Control bytes and invalid UTF-8 become "?" in source lines (one column each,
// so the caret stays aligned) and \xNN in messages.
std::string terminal_safe(std::string_view text, bool keep_columns) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\t' || (c >= 0x20U && c != 0x7FU && c < 0x80U)) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    std::size_t len = 0;
    if (c >= 0xC2U && c <= 0xF4U) {
      len = c < 0xE0U ? 2 : c < 0xF0U ? 3 : 4;
      for (std::size_t k = 1; k < len; ++k) {
        if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) {
          len = 0;
          break;
        }
      }
    }
    if (len != 0) {
      out.append(text.substr(i, len));
      i += len - 1;
    } else if (keep_columns) {
      out.push_back('?');
    } else {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    }
  }
  return out;
}


std::string format_counterexample(const engine::Counterexample& c) {
  std::string out = fmt::format("{} {}", c.request.action, c.request.resource == "*" ? "on *" : "on " + c.request.resource);
  if (!c.request.principal.empty()) {
    out += fmt::format(" by {}", c.request.principal);
  }
  std::vector<std::string> parts;
  for (const auto& [key, values] : c.request.context) {
    parts.push_back(fmt::format("{}={}", display_key(key), fmt::join(values, ",")));
  }
  for (const auto& key : c.absent_keys) {
    parts.push_back(fmt::format("{} absent", key));
  }
  if (!parts.empty()) {
    out += fmt::format(" [{}]", fmt::join(parts, "; "));
  }
  out += fmt::format(" → {}", eval::decision_name(c.decision));
  if (!c.note.empty()) {
    out += fmt::format(" ({})", c.note);
  }
  if (!c.path.empty()) {
    out += fmt::format("; path: {}", fmt::join(c.path, " → "));
  }
  return out;
}

std::string write_text(const Report& report, const TextOptions& options) {
  std::string out;
  const std::string_view reset = options.color ? "\x1b[0m" : "";
  const std::string_view bold = options.color ? "\x1b[1m" : "";
  for (const auto& d : report.diagnostics) {
    const auto level = engine::level_of(d.rule->severity);
    // A file name is untrusted text too: control characters never reach the terminal raw.
    out += fmt::format("{}{}:{}:{}:{} {}{}:{} {} [{} {}]\n", bold, terminal_safe(d.file, false), d.location.start.line, d.location.start.column,
                       reset, options.color ? colour_of(level) : "", engine::level_name(level), reset,
                       terminal_safe(d.message, false),
                       d.rule->code, d.rule->name);
    if (options.show_source && !d.source_line.empty() && d.source_line.size() <= 500) {
      const std::uint32_t width =
          d.location.end.line == d.location.start.line && d.location.end.column > d.location.start.column
              ? d.location.end.column - d.location.start.column
              : 1;
      const std::string gutter = fmt::format("{:>5}", d.location.start.line);
      const std::string line = terminal_safe(d.source_line, true);
      out += fmt::format("{} | {}\n", gutter, line);
      const auto caret = caret_line(line, d.location.start.column,
                                    std::min<std::uint32_t>(width, static_cast<std::uint32_t>(code_points(line)) + 1));
      out += fmt::format("{:>5} | {}{}{}\n", "", options.color ? colour_of(level) : "", caret, reset);
    }
    if (d.counterexample) {
      out += fmt::format("{:>5} = counterexample: {}\n", "", terminal_safe(format_counterexample(*d.counterexample), false));
    }
  }
  return out;
}

std::string summary_line(const Report& report) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t notes = 0;
  std::vector<std::string_view> files;
  for (const auto& d : report.diagnostics) {
    switch (engine::level_of(d.rule->severity)) {
    case engine::Level::error: ++errors; break;
    case engine::Level::warning: ++warnings; break;
    case engine::Level::note: ++notes; break;
    }
    if (files.empty() || files.back() != d.file) {
      files.push_back(d.file);
    }
  }
  const std::size_t total = report.diagnostics.size();
  const auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  // Files with no IAM content are counted, never reported (docs/inputs.md).
  const std::size_t skipped = report.files_not_iam.size();
  const std::string not_iam =
      skipped == 0 ? std::string()
                   : fmt::format("{} {} not {} (skipped)", plural(skipped, "file"), skipped == 1 ? "is" : "are",
                                 skipped == 1 ? "an IAM policy" : "IAM policies");
  if (total == 0 && report.files_linted == 0 && skipped > 0) {
    return fmt::format("no IAM policies found: {}; --input-format policy reads a file as one", not_iam);
  }
  const std::string tail = skipped == 0 ? std::string() : "; " + not_iam;
  if (total == 0) {
    return fmt::format("no problems in {}{}", plural(report.files_linted, "file"), tail);
  }
  return fmt::format("{} ({}, {}, {}) in {} of {} linted{}", plural(total, "problem"), plural(errors, "error"),
                     plural(warnings, "warning"), plural(notes, "note"), plural(files.size(), "file"),
                     report.files_linted, tail);
}

} // namespace policylint::output
