// PL019: a Resource/NotResource entry already covered by another entry of the same statement.

#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/eval/variables.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/rules/support/prefix_index.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::validity {

namespace {

// Every text `narrow` can match, `wide` matches as well: a symbolic match in which a '*' of
// `wide` absorbs any run of `narrow`'s characters and wildcards, a '?' one character or '?',
// and a literal only itself. Sound for any pair of globs (if it says yes, inclusion holds);
// it misses only contrived cases such as "*a*" over "*". O(|wide|·|narrow|) time.
bool glob_covers(std::string_view wide, std::string_view narrow) {
  std::vector<char> reach(narrow.size() + 1, 0); // reach[j]: wide's prefix so far matches narrow[0, j)
  std::vector<char> next(narrow.size() + 1, 0);
  reach[0] = 1;
  for (const char w : wide) {
    std::ranges::fill(next, 0);
    if (w == '*') {
      char any = 0;
      for (std::size_t j = 0; j <= narrow.size(); ++j) {
        any = static_cast<char>(any | reach[j]);
        next[j] = any;
      }
    } else {
      for (std::size_t j = 0; j < narrow.size(); ++j) {
        const char n = narrow[j];
        const bool fits = w == '?' ? n != '*' : n == w;
        next[j + 1] = static_cast<char>(reach[j] != 0 && fits);
      }
    }
    std::swap(reach, next);
  }
  return reach[narrow.size()] != 0;
}

// The first five colons split an ARN into six segments, as the Resource matcher does.
constexpr std::size_t k_segments = 6;
std::optional<std::array<std::string_view, k_segments>> arn_segments(std::string_view text) {
  std::array<std::string_view, k_segments> out{};
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < k_segments; ++i) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    out[i] = text.substr(start, colon - start);
    start = colon + 1;
  }
  out[k_segments - 1] = text.substr(start);
  return out;
}

// Two ARN patterns, segment by segment. A wildcard in one of the first five segments stays in
// its segment, except a trailing '*', which may also swallow the colons that follow
// (eval/arn.cpp). A wide segment that covers a narrow one ending with '*' ends with '*' too
// (only a '*' absorbs a '*'), so it can follow the narrow pattern's choice of colon.
bool arn_pattern_covers(std::string_view wide, std::string_view narrow) {
  const auto w = arn_segments(wide);
  const auto n = arn_segments(narrow);
  if (!w || !n) {
    return false;
  }
  for (std::size_t i = 0; i < k_segments; ++i) {
    if (!glob_covers((*w)[i], (*n)[i])) {
      return false;
    }
  }
  return true;
}

// `pattern` (which has a wildcard) covers every resource `value` can match. Exact when `value`
// is plain text; for two patterns, sure answers only: segment-wise glob inclusion for ARNs,
// else the cover is `value`'s own text cut short and ended with a single '*'.
bool covers(std::string_view pattern, std::string_view value) {
  if (eval::has_variable(pattern) || eval::has_variable(value)) {
    return false;
  }
  if (pattern == "*") {
    return true;
  }
  if (!eval::has_wildcard(value)) {
    return eval::resource_matches(pattern, value);
  }
  if (arn_pattern_covers(pattern, value)) {
    return true;
  }
  const std::string_view prefix = pattern.substr(0, pattern.size() - 1);
  return pattern.ends_with('*') && !eval::has_wildcard(prefix) && value.starts_with(prefix) &&
         eval::resource_matches(pattern, value);
}

// The text a pattern's every match starts with: up to its first wildcard or variable. A
// pattern can only cover a value that starts with it (matching is case-sensitive), so the
// prefix index below narrows the pairs `covers` is asked about without changing its answer.
std::string_view literal_prefix(std::string_view pattern) {
  return pattern.substr(0, std::min(pattern.find_first_of("*?$"), pattern.size()));
}

} // namespace

void check_redundant_resource(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  std::vector<std::size_t> candidates;
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.resource.present) {
      continue;
    }
    const char* element = st.resource.negated ? "NotResource" : "Resource";
    const auto& values = st.resource.values;
    std::unordered_map<std::string_view, std::size_t> first_seen;
    std::vector<support::PrefixIndex::Entry> patterns;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto [it, inserted] = first_seen.try_emplace(values[i].value, i);
      if (inserted && eval::has_wildcard(values[i].value)) {
        patterns.push_back({literal_prefix(values[i].value), i});
      }
    }
    // Comparing every value with every pattern is quadratic (12,500 bucket ARNs took a
    // minute); the index hands each value only the patterns whose literal prefix it starts with.
    const support::PrefixIndex index(std::move(patterns));
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string& value = values[i].value;
      if (first_seen[value] != i) {
        auto& d = ctx.report(values[i].range, "{} \"{}\" is listed twice in the same statement; remove one", element,
                             value);
        d.statement = st.label();
        continue;
      }
      candidates.clear();
      index.prefixes_of(value, candidates);
      std::sort(candidates.begin(), candidates.end()); // the first cover in the statement's order is named
      for (const std::size_t j : candidates) {
        if (j != i && covers(values[j].value, value)) {
          auto& d = ctx.report(values[i].range,
                               "{} \"{}\" is redundant: \"{}\" in the same statement already covers it", element,
                               value, values[j].value);
          d.statement = st.label();
          break;
        }
      }
    }
  }
}

} // namespace policylint::rules::validity
