#include <policylint/fix/unified_diff.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace policylint::fix {

namespace {

// Lines with their terminators, so that a missing final newline is a difference too.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

enum class OpKind : char { keep = ' ', remove = '-', add = '+' };
struct Op {
  OpKind kind;
  std::size_t a; // index into the old lines (keep/remove), or the old position (add)
  std::size_t b; // index into the new lines (keep/add), or the new position (remove)
};

// Myers' O((N+M)D) shortest edit script over lines: fixes change few lines, so D is small.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size());
  const long m = static_cast<long>(b.size());
  const long max = n + m;
  std::vector<long> v(static_cast<std::size_t>(2 * max + 2), 0);
  const auto at = [&](long k) -> long& { return v[static_cast<std::size_t>(k + max + 1)]; };
  std::vector<std::vector<long>> trace; // v[-d..d] after each step d
  long found_d = -1;
  for (long d = 0; d <= max && found_d < 0; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(k - 1) < at(k + 1))) ? at(k + 1) : at(k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<std::size_t>(x)] == b[static_cast<std::size_t>(y)]) {
        ++x;
        ++y;
      }
      at(k) = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
    trace.emplace_back(v.begin() + (max + 1 - d), v.begin() + (max + 1 + d + 1));
  }
  std::vector<Op> ops;
  long x = n;
  long y = m;
  for (long d = found_d; d > 0; --d) {
    const std::vector<long>& prev = trace[static_cast<std::size_t>(d - 1)];
    const auto pv = [&](long k) { return prev[static_cast<std::size_t>(k + d - 1)]; };
    const long k = x - y;
    const bool down = k == -d || (k != d && pv(k - 1) < pv(k + 1));
    const long pk = down ? k + 1 : k - 1;
    const long px = pv(pk);
    const long py = px - pk;
    while (x > px + (down ? 0 : 1) && y > py + (down ? 1 : 0)) {
      --x;
      --y;
      ops.push_back({OpKind::keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
    if (down) {
      --y;
      ops.push_back({OpKind::add, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    } else {
      --x;
      ops.push_back({OpKind::remove, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
    }
  }
  while (x > 0 && y > 0) {
    --x;
    --y;
    ops.push_back({OpKind::keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
  }
  std::reverse(ops.begin(), ops.end());
  return ops;
}

void append_line(std::string& out, char prefix, std::string_view line) {
  out += prefix;
  out.append(line);
  if (line.empty() || line.back() != '\n') {
    out += "\n\\ No newline at end of file\n";
  }
}

std::string range_text(std::size_t start, std::size_t count) {
  // diff -u: "start,count" with a 1-based start; an empty range names the line before it.
  return count == 1 ? fmt::format("{}", start + 1) : fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

} // namespace

std::string patch_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path here = ec ? fs::path() : fs::weakly_canonical(fs::current_path(ec), ec);
  if (!ec) {
    const fs::path relative = real.lexically_relative(here);
    const std::string text = relative.generic_string();
    if (!relative.empty() && !text.starts_with("..") && !relative.is_absolute()) {
      return text;
    }
  }
  const std::string normal = fs::path(path).lexically_normal().generic_string();
  return normal.empty() ? path : normal;
}

std::string header_name(std::string_view name) {
  const bool quote = std::any_of(name.begin(), name.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20U || c == 0x7F;
  });
  if (quote) {
    std::string out = "\"";
    for (const char c : name) {
      const auto u = static_cast<unsigned char>(c);
      switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default:
        if (u < 0x20U || u == 0x7FU) {
          out += fmt::format("\\{:03o}", u);
        } else {
          out.push_back(c);
        }
      }
    }
    return out + "\"";
  }
  return name.find(' ') != std::string_view::npos ? std::string(name) + "\t" : std::string(name);
}

std::string unified_diff(std::string_view path, std::string_view before, std::string_view after, int context) {
  if (before == after) {
    return {};
  }
  const auto a = split_lines(before);
  const auto b = split_lines(after);
  const std::vector<Op> ops = edit_script(a, b);
  const auto ctx = static_cast<std::size_t>(std::max(context, 0));
  const std::string name = header_name(path);
  std::string out = fmt::format("--- {}\n+++ {}\n", name, name);
  std::size_t i = 0;
  while (i < ops.size()) {
    if (ops[i].kind == OpKind::keep) {
      ++i;
      continue;
    }
    // A hunk: from ctx lines before this change to ctx lines after the last change that is
    // at most 2*ctx unchanged lines from the next.
    const std::size_t start = i >= ctx ? i - ctx : 0;
    std::size_t end = i;
    std::size_t j = i;
    while (j < ops.size()) {
      if (ops[j].kind != OpKind::keep) {
        end = j + 1;
        ++j;
        continue;
      }
      std::size_t run = j;
      while (run < ops.size() && ops[run].kind == OpKind::keep) {
        ++run;
      }
      if (run == ops.size() || run - j > 2 * ctx) {
        break;
      }
      j = run;
    }
    const std::size_t stop = std::min(ops.size(), end + ctx);
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (std::size_t k = start; k < stop; ++k) {
      old_count += ops[k].kind != OpKind::add ? 1U : 0U;
      new_count += ops[k].kind != OpKind::remove ? 1U : 0U;
    }
    const std::size_t old_start = ops[start].a;
    const std::size_t new_start = ops[start].b;
    out += fmt::format("@@ -{} +{} @@\n", range_text(old_start, old_count), range_text(new_start, new_count));
    for (std::size_t k = start; k < stop; ++k) {
      const Op& op = ops[k];
      append_line(out, static_cast<char>(op.kind), op.kind == OpKind::add ? b[op.b] : a[op.a]);
    }
    i = stop;
  }
  return out;
}

} // namespace policylint::fix
