#include <policylint/query/automaton.hpp>

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
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

std::string key_of(const std::vector<StateSet>& sets) {
  std::string key;
  for (const auto& s : sets) {
    for (const std::uint16_t v : s) {
      key.push_back(static_cast<char>(v & 0xffU));
      key.push_back(static_cast<char>(v >> 8U));
    }
    key.push_back('\xff');
    key.push_back('\xff');
  }
  return key;
}

std::vector<bool> signature(const std::vector<Pattern>& patterns, const std::vector<StateSet>& sets) {
  std::vector<bool> sig(patterns.size());
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    sig[i] = accepting(patterns[i], sets[i]);
  }
  return sig;
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

Witnesses witnesses(const std::vector<Pattern>& patterns, const std::vector<std::string>& seeds,
                    std::size_t max_states) {
  Witnesses out;
  std::set<std::vector<bool>> seen_signatures;
  auto offer = [&](const std::vector<bool>& sig, const std::string& value) {
    if (seen_signatures.insert(sig).second) {
      out.values.push_back(value);
    }
  };
  for (const auto& seed : seeds) {
    std::vector<bool> sig(patterns.size());
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      sig[i] = pattern_accepts(patterns[i], seed);
    }
    offer(sig, seed);
  }
  // The alphabet: every character a pattern names (both cases where case is ignored), the
  // colon (segment boundaries), and one character no pattern names.
  std::set<char> alphabet{':'};
  for (const auto& p : patterns) {
    for (const auto& t : p) {
      if (t.kind == Kind::literal) {
        alphabet.insert(t.c);
      } else if (t.kind == Kind::literal_icase) {
        alphabet.insert(lower(t.c));
        alphabet.insert(upper(t.c));
      }
    }
  }
  for (char c : std::string_view("xyzqjkXYZQ0123456789-_.")) {
    if (!alphabet.contains(c)) {
      alphabet.insert(c);
      break;
    }
  }
  std::vector<StateSet> initial;
  initial.reserve(patterns.size());
  for (const auto& p : patterns) {
    initial.push_back(start(p));
  }
  std::unordered_set<std::string> visited{key_of(initial)};
  std::deque<std::pair<std::vector<StateSet>, std::string>> queue;
  queue.emplace_back(initial, std::string{});
  while (!queue.empty()) {
    auto [sets, text] = std::move(queue.front());
    queue.pop_front();
    offer(signature(patterns, sets), text);
    if (std::all_of(sets.begin(), sets.end(), [](const StateSet& s) { return s.empty(); })) {
      continue; // every pattern is dead: longer strings realise nothing new
    }
    for (char c : alphabet) {
      std::vector<StateSet> next;
      next.reserve(sets.size());
      for (std::size_t i = 0; i < patterns.size(); ++i) {
        next.push_back(sets[i].empty() ? StateSet{} : step(patterns[i], sets[i], c));
      }
      if (visited.insert(key_of(next)).second) {
        if (visited.size() > max_states) {
          out.complete = false;
          return out;
        }
        queue.emplace_back(std::move(next), text + c);
      }
    }
  }
  return out;
}

} // namespace policylint::query
