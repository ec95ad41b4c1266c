#include <policylint/query/automaton.hpp>

#include <algorithm>
#include <cctype>
#include <deque>
#include <cstdint>
#include <set>
#include <unordered_set>

namespace policylint::query {

namespace {

using Kind = PatternToken::Kind;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

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
  std::size_t offset = 0; // first word in the product state
  std::vector<std::uint64_t> star;    // tokens that may repeat (closure)
  std::vector<std::uint64_t> consume; // per alphabet char: tokens that consume it (words each)
  std::vector<std::uint64_t> stay;    // per alphabet char: stars that absorb it
};

bool token_consumes(const PatternToken& t, char c) {
  switch (t.kind) {
  case Kind::literal: return t.c == c;
  case Kind::literal_icase: return lower(t.c) == lower(c);
  case Kind::one: return true;
  case Kind::one_no_colon: return c != ':';
  default: return false;
  }
}

void set_bit(std::uint64_t* w, std::size_t i) { w[i / 64] |= std::uint64_t{1} << (i % 64); }
bool get_bit(const std::uint64_t* w, std::size_t i) { return ((w[i / 64] >> (i % 64)) & 1U) != 0; }

// out = in << 1 over `words` words.
void shift_left(const std::uint64_t* in, std::uint64_t* out, std::size_t words) {
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < words; ++i) {
    out[i] = (in[i] << 1U) | carry;
    carry = in[i] >> 63U;
  }
}

void closure(const Compiled& c, std::uint64_t* state) {
  if (c.words == 1) {
    while (true) {
      const std::uint64_t add = ((state[0] & c.star[0]) << 1U) & ~state[0];
      if (add == 0) {
        return;
      }
      state[0] |= add;
    }
  }
  std::vector<std::uint64_t> tmp(c.words);
  std::vector<std::uint64_t> add(c.words);
  while (true) {
    for (std::size_t i = 0; i < c.words; ++i) {
      tmp[i] = state[i] & c.star[i];
    }
    shift_left(tmp.data(), add.data(), c.words);
    bool grew = false;
    for (std::size_t i = 0; i < c.words; ++i) {
      const std::uint64_t fresh = add[i] & ~state[i];
      if (fresh != 0) {
        state[i] |= fresh;
        grew = true;
      }
    }
    if (!grew) {
      return;
    }
  }
}

} // namespace

Witnesses witnesses(const std::vector<Pattern>& all_patterns, const std::vector<std::string>& seeds,
                    std::size_t max_states) {
  std::vector<Pattern> patterns;
  for (const auto& p : all_patterns) {
    const bool dup = std::any_of(patterns.begin(), patterns.end(), [&](const Pattern& q) {
      return q.size() == p.size() && std::equal(q.begin(), q.end(), p.begin(), [](const PatternToken& a, const PatternToken& b) {
               return a.kind == b.kind && a.c == b.c;
             });
    });
    if (!dup) {
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
  // The alphabet: every character a pattern names (both cases where case is ignored), the
  // colon (segment boundaries), and one character no pattern names.
  std::set<char> letters{':'};
  for (const auto& p : patterns) {
    for (const auto& t : p) {
      if (t.kind == Kind::literal) {
        letters.insert(t.c);
      } else if (t.kind == Kind::literal_icase) {
        letters.insert(lower(t.c));
        letters.insert(upper(t.c));
      }
    }
  }
  for (char c : std::string_view("xyzqjkXYZQ0123456789-_.")) {
    if (!letters.contains(c)) {
      letters.insert(c);
      break;
    }
  }
  const std::vector<char> alphabet(letters.begin(), letters.end());
  std::vector<Compiled> compiled(patterns.size());
  std::size_t total_words = 0;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    Compiled& c = compiled[p];
    const Pattern& tokens = patterns[p];
    c.positions = tokens.size() + 1;
    c.words = (c.positions + 63) / 64;
    c.offset = total_words;
    total_words += c.words;
    c.star.assign(c.words, 0);
    c.consume.assign(c.words * alphabet.size(), 0);
    c.stay.assign(c.words * alphabet.size(), 0);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const bool star = tokens[i].kind == Kind::star || tokens[i].kind == Kind::star_no_colon;
      if (star) {
        set_bit(c.star.data(), i);
      }
      for (std::size_t a = 0; a < alphabet.size(); ++a) {
        if (token_consumes(tokens[i], alphabet[a])) {
          set_bit(c.consume.data() + a * c.words, i);
        }
        if (star && (tokens[i].kind == Kind::star || alphabet[a] != ':')) {
          set_bit(c.stay.data() + a * c.words, i);
        }
      }
    }
  }
  using State = std::vector<std::uint64_t>;
  auto key_of_state = [](const State& s) {
    return std::string(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(std::uint64_t));
  };
  auto signature_of = [&](const State& s) {
    std::vector<bool> sig(patterns.size());
    for (std::size_t p = 0; p < patterns.size(); ++p) {
      sig[p] = get_bit(s.data() + compiled[p].offset, compiled[p].positions - 1);
    }
    return sig;
  };
  State initial(total_words, 0);
  for (const auto& c : compiled) {
    set_bit(initial.data() + c.offset, 0);
    closure(c, initial.data() + c.offset);
  }
  std::unordered_set<std::string> visited{key_of_state(initial)};
  std::deque<std::pair<State, std::string>> queue;
  queue.emplace_back(initial, std::string{});
  std::vector<std::uint64_t> masked;
  while (!queue.empty()) {
    auto [state, text] = std::move(queue.front());
    queue.pop_front();
    offer(signature_of(state), text);
    if (std::all_of(state.begin(), state.end(), [](std::uint64_t w) { return w == 0; })) {
      continue; // every pattern is dead: longer strings realise nothing new
    }
    for (std::size_t a = 0; a < alphabet.size(); ++a) {
      State next(total_words, 0);
      for (const auto& c : compiled) {
        const std::uint64_t* from = state.data() + c.offset;
        std::uint64_t* to = next.data() + c.offset;
        if (c.words == 1) {
          if (from[0] != 0) {
            to[0] = ((from[0] & c.consume[a]) << 1U) | (from[0] & c.stay[a]);
            closure(c, to);
          }
          continue;
        }
        masked.assign(c.words, 0);
        bool live = false;
        for (std::size_t i = 0; i < c.words; ++i) {
          masked[i] = from[i] & c.consume[a * c.words + i];
          live = live || from[i] != 0;
        }
        if (!live) {
          continue;
        }
        shift_left(masked.data(), to, c.words);
        for (std::size_t i = 0; i < c.words; ++i) {
          to[i] |= from[i] & c.stay[a * c.words + i];
        }
        closure(c, to);
      }
      if (visited.insert(key_of_state(next)).second) {
        if (visited.size() > max_states) {
          out.complete = false;
          return out;
        }
        queue.emplace_back(std::move(next), text + alphabet[a]);
      }
    }
  }
  return out;
}

} // namespace policylint::query
