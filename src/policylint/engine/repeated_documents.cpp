#include <policylint/engine/repeated_documents.hpp>

#include <policylint/core/parallel.hpp>

#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace policylint::engine {

namespace {

std::string_view bytes_of(const SourceFile& file, SourceRange range) {
  const std::string_view text = file.text();
  if (range.begin > range.end || range.end > text.size()) {
    return {};
  }
  return text.substr(range.begin, range.end - range.begin);
}

bool same_span(SourceRange a, std::uint32_t a_base, SourceRange b, std::uint32_t b_base) {
  // Unsigned wrap-around keeps a span before its document's start distinct as well.
  return a.begin - a_base == b.begin - b_base && a.end - a_base == b.end - b_base;
}

// The same tree, with every span at the same distance from its document's start.
bool same_tree(const json::Value& a, std::uint32_t a_base, const json::Value& b, std::uint32_t b_base) {
  if (a.kind != b.kind || a.text != b.text || !same_span(a.range, a_base, b.range, b_base) ||
      a.items.size() != b.items.size() || a.members.size() != b.members.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same_tree(a.items[i], a_base, b.items[i], b_base)) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    const json::Member& x = a.members[i];
    const json::Member& y = b.members[i];
    if (x.key != y.key || !same_span(x.key_range, a_base, y.key_range, b_base) ||
        !same_tree(x.value, a_base, y.value, b_base)) {
      return false;
    }
  }
  return true;
}

bool same_context(const frontend::Document& a, bool a_attached, const frontend::Document& b, bool b_attached) {
  return a.kind == b.kind && a.type == b.type && a.resource_service == b.resource_service &&
         a.suppressed == b.suppressed && a_attached == b_attached;
}

// Equal documents hash alike: the bytes and the simple parts of the context decide it (the
// tree and the suppressions are compared only when the hashes meet).
std::size_t hash_of(const SourceFile& file, const frontend::Document& doc, bool attached) {
  std::size_t h = std::hash<std::string_view>{}(bytes_of(file, doc.tree->range));
  const auto mix = [&](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6U) + (h >> 2U); };
  mix(doc.kind ? static_cast<std::size_t>(*doc.kind) + 1 : 0);
  mix(doc.type ? static_cast<std::size_t>(*doc.type) + 1 : 0);
  mix(attached ? 1 : 0);
  mix(std::hash<std::string_view>{}(doc.resource_service));
  return h;
}

} // namespace

std::vector<std::optional<std::size_t>> earlier_alike(const SourceFile& file, const frontend::Extraction& extraction,
                                                      const std::vector<bool>& attached, unsigned threads) {
  const auto& docs = extraction.documents;
  std::vector<std::optional<std::size_t>> out(docs.size());
  if (!extraction.json_text || docs.size() < 2) {
    return out;
  }
  const auto hashes =
      core::parallel_map(docs.size(), threads, [&](std::size_t i) { return hash_of(file, docs[i], attached[i]); });
  // Candidates by hash, in document order, so that the first of each content leads.
  std::unordered_map<std::size_t, std::vector<std::size_t>> firsts;
  std::vector<std::size_t> candidate(docs.size());
  std::vector<bool> has_candidate(docs.size(), false);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].lint) {
      continue;
    }
    auto& seen = firsts[hashes[i]];
    if (seen.empty()) {
      seen.push_back(i);
      continue;
    }
    candidate[i] = seen.front();
    has_candidate[i] = true;
  }
  // Confirmed in full (bytes, tree, context); a collision or a context that differs is linted
  // on its own, which is always right.
  const auto confirmed = core::parallel_map(docs.size(), threads, [&](std::size_t i) {
    if (!has_candidate[i]) {
      return false;
    }
    const frontend::Document& a = docs[candidate[i]];
    const frontend::Document& b = docs[i];
    return same_context(a, attached[candidate[i]], b, attached[i]) &&
           bytes_of(file, a.tree->range) == bytes_of(file, b.tree->range) &&
           same_tree(*a.tree, a.tree->range.begin, *b.tree, b.tree->range.begin);
  });
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (confirmed[i]) {
      out[i] = candidate[i];
    }
  }
  return out;
}

std::optional<std::vector<Diagnostic>> moved_findings(const std::vector<Diagnostic>& found, SourceRange from,
                                                      SourceRange to) {
  std::vector<Diagnostic> out;
  out.reserve(found.size());
  for (const Diagnostic& d : found) {
    if (!d.fixes.empty() || d.range.begin < from.begin || d.range.end > from.end || d.range.begin > d.range.end) {
      return std::nullopt;
    }
    Diagnostic& moved = out.emplace_back(d);
    moved.range = SourceRange{d.range.begin - from.begin + to.begin, d.range.end - from.begin + to.begin};
  }
  return out;
}

} // namespace policylint::engine
