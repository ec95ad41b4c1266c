#include <policylint/query/automaton.hpp>

#include <policylint/eval/ascii.hpp>

#include <algorithm>
#include <cctype>
#include <deque>
#include <cstdint>
#include <set>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace policylint::query {

namespace {

using Kind = PatternToken::Kind;

// IAM's case-insensitive comparisons fold ASCII only.
char lower(char c) { return eval::ascii_lower(c); }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

void add_glob_chars(Pattern& out, std::string_view text, bool no_colon) {
  for (char c : text) {
    if (c == '*') {
      out.push_back({no_colon ? Kind::star_no_colon : Kind::star, 0});
    } else if (c == '?') {
      out.push_back({no_colon ? Kind::one_no_colon : Kind::one, 0});
    } else {
      out.push_back({Kind::literal, c});
    }
  }
}

// The pattern split at its first five colons.
std::vector<std::string_view> segments(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (out.size() < 5) {
    const auto colon = text.find(':', start);
    if (colon == std::string_view::npos) {
      break;
    }
    out.push_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  out.push_back(text.substr(start));
  return out;
}

// NFA state sets: one sorted position list per pattern, positions 0..size (size = accept).
using StateSet = std::vector<std::uint16_t>;

void close(const Pattern& p, StateSet& set) {
  // Epsilon moves: a star may match nothing.
  for (std::size_t i = 0; i < set.size(); ++i) {
    const std::size_t pos = set[i];
    if (pos < p.size() && (p[pos].kind == Kind::star || p[pos].kind == Kind::star_no_colon)) {
      const auto next = static_cast<std::uint16_t>(pos + 1);
      if (std::find(set.begin(), set.end(), next) == set.end()) {
        set.push_back(next);
      }
    }
  }
  std::sort(set.begin(), set.end());
}

StateSet step(const Pattern& p, const StateSet& from, char ch) {
  StateSet out;
  auto add = [&](std::size_t pos) {
    const auto v = static_cast<std::uint16_t>(pos);
    if (std::find(out.begin(), out.end(), v) == out.end()) {
      out.push_back(v);
    }
  };
  for (const std::uint16_t pos : from) {
    if (pos >= p.size()) {
      continue;
    }
    const PatternToken& t = p[pos];
    switch (t.kind) {
    case Kind::literal:
      if (ch == t.c) {
        add(pos + 1U);
      }
      break;
    case Kind::literal_icase:
      if (lower(ch) == lower(t.c)) {
        add(pos + 1U);
      }
      break;
    case Kind::one:
      add(pos + 1U);
      break;
    case Kind::one_no_colon:
      if (ch != ':') {
        add(pos + 1U);
      }
      break;
    case Kind::star:
      add(pos);
      break;
    case Kind::star_no_colon:
      if (ch != ':') {
        add(pos);
      }
      break;
    }
  }
  close(p, out);
  return out;
}

StateSet start(const Pattern& p) {
  StateSet s{0};
  close(p, s);
  return s;
}

bool accepting(const Pattern& p, const StateSet& s) {
  return std::find(s.begin(), s.end(), static_cast<std::uint16_t>(p.size())) != s.end();
}

} // namespace

Pattern literal_pattern(std::string_view text, bool ignore_case) {
  Pattern out;
  for (char c : text) {
    out.push_back({ignore_case ? Kind::literal_icase : Kind::literal, c});
  }
  return out;
}

Pattern glob_pattern(std::string_view text) {
  Pattern out;
  add_glob_chars(out, text, false);
  return out;
}

Pattern arn_like_pattern(std::string_view text) {
  const auto seg = segments(text);
  if (seg.size() != 6) {
    return glob_pattern(text);
  }
  Pattern out;
  for (std::size_t i = 0; i < 6; ++i) {
    add_glob_chars(out, seg[i], i < 5);
    if (i < 5) {
      out.push_back({Kind::literal, ':'});
    }
  }
  return out;
}

Pattern resource_pattern(std::string_view text) {
  if (text == "*") {
    return glob_pattern(text);
  }
  const auto seg = segments(text);
  Pattern out;
  for (std::size_t i = 0; i < seg.size(); ++i) {
    const std::string_view s = seg[i];
    if (i == 5) {
      add_glob_chars(out, s, false);
      break;
    }
    const bool trailing_star = !s.empty() && s.back() == '*';
    add_glob_chars(out, trailing_star ? s.substr(0, s.size() - 1) : s, true);
    if (trailing_star) {
      out.push_back({Kind::star, 0});
    }
    if (i + 1 < seg.size()) {
      out.push_back({Kind::literal, ':'});
    }
  }
  return out;
}

bool pattern_accepts(const Pattern& pattern, std::string_view text) {
  StateSet s = start(pattern);
  for (char c : text) {
    if (s.empty()) {
      return false;
    }
    s = step(pattern, s, c);
  }
  return accepting(pattern, s);
}

namespace {

// A pattern compiled to bit-parallel form: bit i of a state = "matched the first i tokens".
struct Compiled {
  std::size_t positions = 0; // tokens + 1
  std::size_t words = 0;
  std::vector<std::uint64_t> star;       // tokens that may repeat (closure)
  std::vector<std::uint64_t> consume;    // 256 × words: tokens that consume each byte
  std::vector<std::uint64_t> stay;       // stars that absorb any byte but ':'
  std::vector<std::uint64_t> stay_colon; // stars that absorb ':'
  std::vector<char> literal_at;          // the literal byte at each token, 0 if none
  std::vector<char> literal_other_case;  // the other case of an ignore-case literal, 0 if none
};

void set_bit(std::uint64_t* w, std::size_t i) { w[i / 64] |= std::uint64_t{1} << (i % 64); }
bool get_bit(const std::uint64_t* w, std::size_t i) { return ((w[i / 64] >> (i % 64)) & 1U) != 0; }

void closure(const Compiled& c, std::uint64_t* state) {
  while (true) {
    bool grew = false;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < c.words; ++i) {
      const std::uint64_t moved = state[i] & c.star[i];
      const std::uint64_t add = ((moved << 1U) | carry) & ~state[i];
      carry = moved >> 63U;
      if (add != 0) {
        state[i] |= add;
        grew = true;
      }
    }
    if (!grew) {
      return;
    }
  }
}

Compiled compile(const Pattern& tokens) {
  Compiled c;
  c.positions = tokens.size() + 1;
  c.words = (c.positions + 63) / 64;
  c.star.assign(c.words, 0);
  c.consume.assign(256 * c.words, 0);
  c.stay.assign(c.words, 0);
  c.stay_colon.assign(c.words, 0);
  c.literal_at.assign(tokens.size(), 0);
  c.literal_other_case.assign(tokens.size(), 0);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const PatternToken& t = tokens[i];
    switch (t.kind) {
    case Kind::literal:
      set_bit(c.consume.data() + static_cast<unsigned char>(t.c) * c.words, i);
      c.literal_at[i] = t.c;
      break;
    case Kind::literal_icase:
      set_bit(c.consume.data() + static_cast<unsigned char>(lower(t.c)) * c.words, i);
      set_bit(c.consume.data() + static_cast<unsigned char>(upper(t.c)) * c.words, i);
      c.literal_at[i] = lower(t.c);
      c.literal_other_case[i] = upper(t.c);
      break;
    case Kind::one:
    case Kind::one_no_colon:
      for (unsigned b = 0; b < 256; ++b) {
        if (t.kind == Kind::one || b != ':') {
          set_bit(c.consume.data() + b * c.words, i);
        }
      }
      break;
    case Kind::star:
    case Kind::star_no_colon:
      set_bit(c.star.data(), i);
      set_bit(c.stay.data(), i);
      if (t.kind == Kind::star) {
        set_bit(c.stay_colon.data(), i);
      }
      break;
    }
  }
  return c;
}

// A product state, sparse: for each live pattern (ascending), its index and its words.
using State = std::vector<std::uint64_t>;

// The bytes a pattern treats apart from all others: its literals, both cases of its
// case-insensitive ones.
void add_named_bytes(const Pattern& p, std::set<char>& named) {
  for (const PatternToken& t : p) {
    if (t.kind == Kind::literal) {
      named.insert(t.c);
    } else if (t.kind == Kind::literal_icase) {
      named.insert(lower(t.c));
      named.insert(upper(t.c));
    }
  }
}

// One byte no pattern names, to stand for every such byte; 0 when the patterns name them all.
char fresh_byte(const std::set<char>& named) {
  for (char c : std::string_view("xyzqjkXYZQ0123456789-_.~")) {
    if (!named.contains(c)) {
      return c;
    }
  }
  return 0;
}

// The literal bytes at the live positions of one pattern's state: with ':' and the fresh byte,
// the only bytes that can make a difference from there.
void add_live_literals(const Compiled& c, const std::uint64_t* state, std::vector<char>& chars) {
  for (std::size_t i = 0; i + 1 < c.positions; ++i) {
    if (c.literal_at[i] != 0 && get_bit(state, i)) {
      chars.push_back(c.literal_at[i]);
      if (c.literal_other_case[i] != 0) {
        chars.push_back(c.literal_other_case[i]);
      }
    }
  }
}

// One pattern's state after byte `ch`, written to `to` (c.words words); whether it is alive.
bool advance(const Compiled& c, const std::uint64_t* from, char ch, std::uint64_t* to) {
  const std::uint64_t* consume = c.consume.data() + static_cast<unsigned char>(ch) * c.words;
  const std::uint64_t* stay = ch == ':' ? c.stay_colon.data() : c.stay.data();
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < c.words; ++i) {
    const std::uint64_t moved = from[i] & consume[i];
    to[i] = (moved << 1U) | carry | (from[i] & stay[i]);
    carry = moved >> 63U;
  }
  closure(c, to);
  return std::any_of(to, to + c.words, [](std::uint64_t w) { return w != 0; });
}

// A pattern written into a memo key, preceded by its length so that no two lists share a key.
void append_key(std::string& key, const Pattern& p) {
  key += std::to_string(p.size()) + ":";
  for (const PatternToken& t : p) {
    key.push_back(static_cast<char>('0' + static_cast<int>(t.kind)));
    key.push_back(t.c);
  }
}

// The walks are pure functions of their inputs, and the same ones recur across engines: in a
// snapshot each principal's set of policies gets its own engine, and the sets share their
// managed policies (5,777 walks over 854 distinct pattern lists in a 10 MB snapshot). Kept for
// the process, shared by the threads, bounded in bytes.
template <class Value>
class BoundedMemo {
public:
  explicit BoundedMemo(std::size_t max_bytes) : m_max_bytes(max_bytes) {}

  std::optional<Value> find(const std::string& key) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_known.find(key);
    return it == m_known.end() ? std::nullopt : std::optional<Value>(it->second);
  }

  // `bytes`: what keeping the value costs beyond its key.
  void keep(std::string key, const Value& v, std::size_t bytes) {
    bytes += key.size();
    const std::lock_guard lock(m_mutex);
    if (m_bytes + bytes <= m_max_bytes && m_known.try_emplace(std::move(key), v).second) {
      m_bytes += bytes;
    }
  }

private:
  std::size_t m_max_bytes;
  std::mutex m_mutex;
  std::unordered_map<std::string, Value> m_known;
  std::size_t m_bytes = 0;
};

} // namespace

namespace {

// The literal bytes two patterns start (or end) with must agree: most pairs of ARN patterns
// differ in a literal service or resource type, and this settles them without a walk.
bool literal_ends_clash(const Pattern& a, const Pattern& b) {
  const auto fixed = [](const PatternToken& t) { return t.kind == Kind::literal; };
  for (std::size_t i = 0; i < a.size() && i < b.size() && fixed(a[i]) && fixed(b[i]); ++i) {
    if (a[i].c != b[i].c) {
      return true;
    }
  }
  for (std::size_t i = 1; i <= a.size() && i <= b.size() && fixed(a[a.size() - i]) && fixed(b[b.size() - i]); ++i) {
    if (a[a.size() - i].c != b[b.size() - i].c) {
      return true;
    }
  }
  return false;
}

} // namespace

namespace {

Common walk_common(std::span<const Pattern* const> patterns, std::size_t max_states) {
  Common out;
  if (patterns.empty()) {
    out.value = std::string();
    return out;
  }
  std::set<char> named{':'};
  for (const Pattern* p : patterns) {
    add_named_bytes(*p, named);
  }
  const char fresh = fresh_byte(named);
  // The tuple of the patterns' states in bit-parallel form (as the walk below), one block of
  // words per pattern, every pattern alive.
  std::vector<Compiled> compiled;
  std::vector<std::size_t> offset;
  std::size_t total = 0;
  for (const Pattern* p : patterns) {
    compiled.push_back(compile(*p));
    offset.push_back(total);
    total += compiled.back().words;
  }
  State first(total, 0);
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    set_bit(first.data() + offset[i], 0);
    closure(compiled[i], first.data() + offset[i]);
  }
  const auto key_of = [](const State& s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size() * 8); };
  std::unordered_set<std::string> seen{key_of(first)};
  std::deque<std::pair<State, std::string>> queue;
  queue.emplace_back(std::move(first), std::string());
  std::vector<char> chars;
  while (!queue.empty()) {
    auto [here, text] = std::move(queue.front());
    queue.pop_front();
    bool all_accept = true;
    for (std::size_t i = 0; i < compiled.size() && all_accept; ++i) {
      all_accept = get_bit(here.data() + offset[i], compiled[i].positions - 1);
    }
    if (all_accept) {
      out.value = std::move(text);
      return out;
    }
    // The bytes that can make a difference from here: literals at live positions, ':', and
    // the fresh byte.
    chars.assign({':'});
    if (fresh != 0) {
      chars.push_back(fresh);
    }
    for (std::size_t i = 0; i < compiled.size(); ++i) {
      add_live_literals(compiled[i], here.data() + offset[i], chars);
    }
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    for (const char ch : chars) {
      State next(total, 0);
      bool live = true;
      for (std::size_t i = 0; i < compiled.size() && live; ++i) {
        live = advance(compiled[i], here.data() + offset[i], ch, next.data() + offset[i]);
      }
      if (!live || !seen.insert(key_of(next)).second) {
        continue;
      }
      if (seen.size() > max_states) {
        out.complete = false;
        return out;
      }
      queue.emplace_back(std::move(next), text + ch);
    }
  }
  return out;
}

} // namespace

Common shortest_common(std::span<const Pattern* const> patterns, std::size_t max_states) {
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    for (std::size_t j = i + 1; j < patterns.size(); ++j) {
      if (literal_ends_clash(*patterns[i], *patterns[j])) {
        return {}; // most pairs: settled before the memo's key is built
      }
    }
  }
  static BoundedMemo<Common> memo(std::size_t{8} << 20U);
  std::string key = std::to_string(max_states);
  for (const Pattern* p : patterns) {
    key += "/";
    append_key(key, *p);
  }
  if (auto known = memo.find(key)) {
    return std::move(*known);
  }
  Common c = walk_common(patterns, max_states);
  memo.keep(std::move(key), c, sizeof(Common) + (c.value ? c.value->size() : 0));
  return c;
}

namespace {

Witnesses walk(const std::vector<Pattern>& all_patterns, const std::vector<std::string>& seeds,
               std::size_t max_states) {
  // Repeated patterns are dropped, first occurrence kept: hashed, since a document can hold
  // thousands of patterns and comparing each with every kept one was quadratic.
  std::vector<Pattern> patterns;
  std::unordered_set<std::string> kept;
  for (const auto& p : all_patterns) {
    std::string key;
    append_key(key, p);
    if (kept.insert(std::move(key)).second) {
      patterns.push_back(p);
    }
  }
  Witnesses out;
  std::set<std::vector<bool>> seen_signatures;
  auto offer = [&](std::vector<bool> sig, const std::string& value) {
    if (seen_signatures.insert(std::move(sig)).second) {
      out.values.push_back(value);
    }
  };
  for (const auto& seed : seeds) {
    std::vector<bool> sig(patterns.size());
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      sig[i] = pattern_accepts(patterns[i], seed);
    }
    offer(std::move(sig), seed);
  }
  std::vector<Compiled> compiled;
  compiled.reserve(patterns.size());
  std::set<char> named{':'};
  for (const auto& p : patterns) {
    compiled.push_back(compile(p));
    add_named_bytes(p, named);
  }
  const char fresh = fresh_byte(named);
  State initial;
  for (std::size_t p = 0; p < compiled.size(); ++p) {
    const Compiled& c = compiled[p];
    initial.push_back(p);
    const std::size_t at = initial.size();
    initial.resize(at + c.words, 0);
    set_bit(initial.data() + at, 0);
    closure(c, initial.data() + at);
  }
  auto key_of = [](const State& s) { return std::string(reinterpret_cast<const char*>(s.data()), s.size() * 8); };
  std::unordered_set<std::string> visited{key_of(initial)};
  std::deque<std::pair<State, std::string>> queue;
  queue.emplace_back(std::move(initial), std::string{});
  std::vector<char> chars;
  std::vector<std::uint64_t> scratch;
  while (!queue.empty()) {
    auto [state, text] = std::move(queue.front());
    queue.pop_front();
    std::vector<bool> sig(patterns.size());
    for (std::size_t at = 0; at < state.size();) {
      const Compiled& c = compiled[state[at]];
      sig[state[at]] = get_bit(state.data() + at + 1, c.positions - 1);
      at += 1 + c.words;
    }
    offer(std::move(sig), text);
    if (state.empty()) {
      continue; // every pattern is dead: longer strings realise nothing new
    }
    // The bytes that can make a difference from here: literals at live positions, ':', and
    // one byte standing for all others.
    chars.assign({':'});
    if (fresh != 0) {
      chars.push_back(fresh);
    }
    for (std::size_t at = 0; at < state.size();) {
      const Compiled& c = compiled[state[at]];
      add_live_literals(c, state.data() + at + 1, chars);
      at += 1 + c.words;
    }
    std::sort(chars.begin(), chars.end());
    chars.erase(std::unique(chars.begin(), chars.end()), chars.end());
    for (char ch : chars) {
      State next;
      for (std::size_t at = 0; at < state.size();) {
        const std::size_t p = state[at];
        const Compiled& c = compiled[p];
        scratch.resize(c.words);
        if (advance(c, state.data() + at + 1, ch, scratch.data())) {
          next.push_back(p);
          next.insert(next.end(), scratch.begin(), scratch.end());
        }
        at += 1 + c.words;
      }
      if (visited.insert(key_of(next)).second) {
        if (visited.size() > max_states) {
          out.complete = false;
          return out;
        }
        queue.emplace_back(std::move(next), text + ch);
      }
    }
  }
  return out;
}

// Each part is preceded by its length, so no two inputs share a key.
std::string memo_key(const std::vector<Pattern>& patterns, const std::vector<std::string>& seeds,
                     std::size_t max_states) {
  std::string key = std::to_string(max_states) + "/" + std::to_string(patterns.size()) + "/";
  for (const auto& p : patterns) {
    append_key(key, p);
  }
  for (const auto& seed : seeds) {
    key += std::to_string(seed.size()) + ":" + seed;
  }
  return key;
}

} // namespace

Witnesses witnesses(const std::vector<Pattern>& patterns, const std::vector<std::string>& seeds,
                    std::size_t max_states) {
  static BoundedMemo<Witnesses> memo(std::size_t{32} << 20U);
  std::string key = memo_key(patterns, seeds, max_states);
  if (auto known = memo.find(key)) {
    return std::move(*known);
  }
  Witnesses w = walk(patterns, seeds, max_states);
  std::size_t bytes = sizeof(Witnesses);
  for (const auto& v : w.values) {
    bytes += v.size() + sizeof(std::string);
  }
  memo.keep(std::move(key), w, bytes);
  return w;
}

} // namespace policylint::query
