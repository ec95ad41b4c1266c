#include <policylint/rules/support/arn_template.hpp>

#include <policylint/eval/ascii.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace policylint::rules::support {

namespace {

enum class Kind : std::uint8_t { literal, one, star };

// One element of a glob: a literal character, exactly one character, or any run of characters;
// `one` and `star` may exclude ':' and '/'.
struct Token {
  Kind kind = Kind::literal;
  char c = 0;
  bool no_colon = false;
  bool no_slash = false;
};

char fold(char c) { return eval::ascii_lower(c); }

// The pattern's tokens one at a time, so that an 8 MiB ARN is never copied into a token list
// (PL009 asks about each ARN once per resource type).
class PatternTokens {
public:
  explicit PatternTokens(std::string_view p) : m_p(p) {}

  // Whether the text not read yet holds none of these characters. The next occurrence found is
  // kept, so that repeated calls with the same set read the text once in all, and a template
  // that fails early never reads a long ARN to its end.
  [[nodiscard]] bool rest_free_of(std::string_view chars) {
    if (chars.empty()) {
      return true;
    }
    if (!m_next_of || m_next_of->first != chars || m_next_of->second < m_at) {
      const ByteSet set = byte_set("", chars);
      std::size_t at = m_at;
      while (at < m_p.size() && !set[static_cast<unsigned char>(m_p[at])]) {
        ++at;
      }
      m_next_of = std::pair{std::string(chars), at};
    }
    return m_next_of->second >= m_p.size();
  }

  // Skips tokens up to the next literal that is one of `chars` (or the end).
  void skip_to_literal_in(std::string_view chars) {
    const ByteSet stop = byte_set(chars, "*$");
    while (m_at < m_p.size()) {
      skip_bytes_not_in(stop);
      if (m_at >= m_p.size()) {
        return;
      }
      if (is_star_at(m_at)) {
        m_at = star_end(m_at);
      } else if (chars.find(fold(m_p[m_at])) != std::string_view::npos) {
        return;
      } else {
        ++m_at; // a '$' that opens no variable
      }
    }
  }

  // Skips characters up to one of `stops` (compared folded), a '?' or the start of a star or
  // variable.
  void skip_literals_but(std::string_view stops) {
    const ByteSet stop = byte_set(stops, "?*$");
    while (m_at < m_p.size()) {
      skip_bytes_not_in(stop);
      if (m_at >= m_p.size() || m_p[m_at] != '$' || is_star_at(m_at)) {
        return;
      }
      ++m_at; // a '$' that opens no variable
    }
  }

  // The next token, or nullopt at the end.
  std::optional<Token> next() {
    if (m_at >= m_p.size()) {
      return std::nullopt;
    }
    if (is_star_at(m_at)) {
      while (m_at < m_p.size() && is_star_at(m_at)) { // a run of stars and variables is one star
        m_at = star_end(m_at);
      }
      return Token{Kind::star};
    }
    const char c = m_p[m_at++];
    return c == '?' ? Token{Kind::one} : Token{Kind::literal, fold(c)};
  }

private:
  // The bytes a skip stops at, both cases of each letter: a table, so that a long ARN is
  // skipped one comparison per byte.
  using ByteSet = std::array<bool, 256>;
  static ByteSet byte_set(std::string_view folded, std::string_view also) {
    ByteSet set{};
    for (const char c : folded) {
      set[static_cast<unsigned char>(c)] = true;
      set[static_cast<unsigned char>(upper(c))] = true;
    }
    for (const char c : also) {
      set[static_cast<unsigned char>(c)] = true;
    }
    return set;
  }
  static char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
  void skip_bytes_not_in(const ByteSet& stop) {
    while (m_at < m_p.size() && !stop[static_cast<unsigned char>(m_p[m_at])]) {
      ++m_at;
    }
  }

  // A '*', or a policy variable: any text, conservatively. (A "${" is a variable when some '}'
  // follows it; the last '}' is looked up the first time a "${" comes, not for every ARN.)
  [[nodiscard]] bool is_star_at(std::size_t i) {
    if (m_p[i] == '*') {
      return true;
    }
    if (m_p[i] != '$' || i + 1 >= m_p.size() || m_p[i + 1] != '{') {
      return false;
    }
    if (!m_last_close) {
      m_last_close = m_p.rfind('}');
    }
    return *m_last_close != std::string_view::npos && *m_last_close >= i + 2;
  }
  [[nodiscard]] std::size_t star_end(std::size_t i) const { return m_p[i] == '*' ? i + 1 : m_p.find('}', i + 2) + 1; }

  std::string_view m_p;
  std::optional<std::size_t> m_last_close; // the last '}', once a "${" needs it
  std::size_t m_at = 0;
  std::optional<std::pair<std::string, std::size_t>> m_next_of; // a set, and where it next occurs
};

// nullopt-like: returns false when the template is not a well-formed "${…}" text.
bool tokenize_template(std::string_view t, std::vector<Token>& out, int colons = 0) { // ':' seen so far; placeholders before the fifth are in the fixed segments
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{') {
      const std::size_t close = t.find('}', i + 2);
      if (close == std::string_view::npos) {
        return false;
      }
      const std::string_view name = t.substr(i + 2, close - i - 2);
      const bool no_colon = colons < 5;
      const bool no_slash = no_colon || name.ends_with("BucketName");
      out.push_back({Kind::one, 0, no_colon, no_slash});
      out.push_back({Kind::star, 0, no_colon, no_slash});
      i = close;
      continue;
    }
    if (t[i] == '*' || t[i] == '?') {
      return false; // not a template we understand
    }
    if (t[i] == ':') {
      ++colons;
    }
    out.push_back({Kind::literal, fold(t[i])});
  }
  return true;
}

// Whether a single-character token `restricted` (a `one`) admits the other token's character.
bool admits(const Token& restricted, const Token& other) {
  if (other.kind != Kind::literal) {
    return true; // both can pick an ordinary letter
  }
  return !(restricted.no_colon && other.c == ':') && !(restricted.no_slash && other.c == '/');
}

bool chars_compatible(const Token& a, const Token& b) {
  if (a.kind == Kind::literal && b.kind == Kind::literal) {
    return a.c == b.c;
  }
  if (a.kind == Kind::literal) {
    return admits(b, a);
  }
  return admits(a, b);
}

// Whether the languages of two globs intersect: the pattern's, read once from left to right,
// and the template's. reach[j] (one row per pattern token, two rows alive): the pattern read so
// far and b[0,j) can produce a common text. Memory O(|b|); a row is scanned only over the
// template positions still reachable, and the answer is "no" as soon as none is.
bool intersects(PatternTokens a, const std::vector<Token>& b) {
  const std::size_t m = b.size();
  std::vector<char> cur(m + 1, 0);
  std::vector<char> next(m + 1, 0);
  cur[0] = 1;
  std::vector<std::size_t> visited; // the positions reached in the current row
  // The positions a row starting at `row` reaches before a literal token: template stars
  // step past.
  std::vector<std::size_t> closed;
  const auto closure = [&](const std::vector<char>& row, std::size_t from, std::size_t to) -> const std::vector<std::size_t>& {
    closed.clear();
    for (std::size_t j = from; j <= to || (!closed.empty() && closed.back() == j - 1 && j <= m && b[j - 1].kind == Kind::star); ++j) {
      if ((j <= to && row[j]) || (!closed.empty() && closed.back() == j - 1 && b[j - 1].kind == Kind::star)) {
        closed.push_back(j);
      }
    }
    return closed;
  };
  std::size_t lo = 0; // the first and last reachable positions of the row
  std::size_t hi = 0;
  // The template's final run of stars alike (its last "${…}"), and the characters they refuse:
  // once the pattern reaches them, they absorb the rest of the pattern unless a refused
  // character comes, which settles a long ARN without reading it token by token.
  std::size_t tail = m + 1;
  std::string forbidden;
  if (m > 0 && b[m - 1].kind == Kind::star) {
    tail = m - 1;
    while (tail > 0 && b[tail - 1].kind == Kind::star && b[tail - 1].no_colon == b[m - 1].no_colon &&
           b[tail - 1].no_slash == b[m - 1].no_slash) {
      --tail;
    }
    forbidden = std::string(b[m - 1].no_colon ? ":" : "") + (b[m - 1].no_slash ? "/" : "");
  }
  for (std::optional<Token> ai = a.next();; ai = a.next()) {
    const auto refused = [&](const Token& t) {
      return t.kind == Kind::literal && forbidden.find(t.c) != std::string::npos;
    };
    // Every reachable position inside that run: each token but a refused literal leaves the
    // row as it is, so go straight to the next refused literal.
    if (ai && lo >= tail && lo < m && !refused(*ai)) {
      a.skip_to_literal_in(forbidden);
      ai = a.next();
    }
    const bool more = ai.has_value();
    std::size_t next_lo = m + 1;
    std::size_t next_hi = 0;
    if (more && hi >= tail && !refused(*ai) && a.rest_free_of(forbidden)) {
      for (std::size_t j = std::max(lo, tail); j < m && j <= hi; ++j) {
        if (cur[j]) {
          return true; // (raw text: a refused character inside a variable only means "read on")
        }
      }
    }
    const auto reach_next = [&](std::size_t k) {
      next[k] = 1;
      next_lo = std::min(next_lo, k);
      next_hi = std::max(next_hi, k);
    };
    const auto reach_here = [&](std::size_t k) {
      cur[k] = 1;
      hi = std::max(hi, k);
    };
    visited.clear();
    for (std::size_t j = lo; j <= hi; ++j) {
      if (!cur[j]) {
        continue;
      }
      cur[j] = 0; // leaves the row clean for reuse as `next`
      visited.push_back(j);
      // A star produces nothing more: step past it.
      if (more && ai->kind == Kind::star) {
        reach_next(j);
      }
      if (j < m && b[j].kind == Kind::star) {
        reach_here(j + 1);
      }
      // A star absorbs one character of the other side (a single-character token, or one
      // character the other side's star produces, in which case that star stays too).
      if (more && ai->kind == Kind::star && j < m && b[j].kind != Kind::star &&
          chars_compatible(Token{Kind::one, 0, ai->no_colon, ai->no_slash}, b[j])) {
        reach_here(j + 1);
      }
      if (more && j < m && b[j].kind == Kind::star && ai->kind != Kind::star &&
          chars_compatible(*ai, Token{Kind::one, 0, b[j].no_colon, b[j].no_slash})) {
        reach_next(j);
      }
      // Two single characters.
      if (more && j < m && ai->kind != Kind::star && b[j].kind != Kind::star && chars_compatible(*ai, b[j])) {
        reach_next(j + 1);
      }
      if (!more && j == m) {
        return true;
      }
    }
    if (!more || next_lo > m) {
      return false;
    }
    // A literal that leaves the row as it found it: the next literals do the same unless they
    // are ':' or '/' (which placeholders may refuse) or match a template literal of the row,
    // so skip them (a long ARN against "${BucketName}/…" is read at the speed of a search).
    // Template literals in the row are dead ends for characters other than their own, which
    // therefore stop the skip too.
    std::string stops = ":/";
    for (const std::size_t j : visited) {
      if (j < m && b[j].kind == Kind::literal) {
        stops += b[j].c;
      }
    }
    if (ai->kind == Kind::literal && stops.find(ai->c) == std::string::npos && closure(next, next_lo, next_hi) == visited) {
      a.skip_literals_but(stops);
    }
    std::swap(cur, next);
    lo = next_lo;
    hi = next_hi;
  }
}

} // namespace

bool arn_may_match_template(std::string_view pattern, std::string_view arn_template) {
  std::vector<Token> t;
  if (arn_template.empty() || !tokenize_template(arn_template, t)) {
    return true;
  }
  return intersects(PatternTokens(pattern), t);
}

namespace {
std::optional<std::string_view> resource_segment(std::string_view arn) {
  std::size_t from = 0;
  for (int k = 0; k < 5; ++k) {
    const std::size_t c = arn.find(':', from);
    if (c == std::string_view::npos) {
      return std::nullopt;
    }
    from = c + 1;
  }
  return arn.substr(from);
}
} // namespace

bool arn_resource_may_match_template(std::string_view pattern, std::string_view arn_template) {
  const auto p = resource_segment(pattern);
  const auto t = resource_segment(arn_template);
  std::vector<Token> tokens;
  if (!p || !t || !tokenize_template(*t, tokens, 5)) {
    return true;
  }
  return intersects(PatternTokens(*p), tokens);
}

} // namespace policylint::rules::support
