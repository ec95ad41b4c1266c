#include <policylint/fix/apply.hpp>

#include <algorithm>
#include <vector>

namespace policylint::fix {

namespace {

bool same(const engine::TextEdit& a, const engine::TextEdit& b) {
  return a.range == b.range && a.replacement == b.replacement;
}

// Two edits conflict when they touch the same bytes, when one inserts strictly inside the
// other's range, or when both insert at the same point (their order would be a guess).
bool conflict(const engine::TextEdit& a, const engine::TextEdit& b) {
  if (a.range.empty() && b.range.empty()) {
    return a.range.begin == b.range.begin;
  }
  if (a.range.empty()) {
    return b.range.begin < a.range.begin && a.range.begin < b.range.end;
  }
  if (b.range.empty()) {
    return a.range.begin < b.range.begin && b.range.begin < a.range.end;
  }
  return a.range.begin < b.range.end && b.range.begin < a.range.end;
}

} // namespace

Applied apply_fixes(std::string_view text, std::span<const engine::Fix* const> fixes) {
  Applied out;
  std::vector<const engine::TextEdit*> accepted;
  for (const engine::Fix* fix : fixes) {
    std::vector<const engine::TextEdit*> fresh;
    bool ok = !fix->edits.empty();
    for (const engine::TextEdit& e : fix->edits) {
      if (e.range.begin > e.range.end || e.range.end > text.size()) {
        ok = false;
        break;
      }
      const auto clash = [&](const engine::TextEdit* other) { return conflict(e, *other); };
      const bool repeated =
          std::any_of(accepted.begin(), accepted.end(), [&](const engine::TextEdit* a) { return same(e, *a); });
      if (repeated) {
        continue;
      }
      if (std::any_of(accepted.begin(), accepted.end(), clash) || std::any_of(fresh.begin(), fresh.end(), clash)) {
        ok = false;
        break;
      }
      fresh.push_back(&e);
    }
    if (!ok) {
      ++out.skipped;
      continue;
    }
    accepted.insert(accepted.end(), fresh.begin(), fresh.end());
    ++out.applied;
  }
  std::stable_sort(accepted.begin(), accepted.end(), [](const engine::TextEdit* a, const engine::TextEdit* b) {
    return a->range.begin != b->range.begin ? a->range.begin < b->range.begin : a->range.end < b->range.end;
  });
  std::size_t at = 0;
  for (const engine::TextEdit* e : accepted) {
    out.text.append(text.substr(at, e->range.begin - at));
    out.text.append(e->replacement);
    at = e->range.end;
  }
  out.text.append(text.substr(at));
  return out;
}

} // namespace policylint::fix
