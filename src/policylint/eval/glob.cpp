#include <policylint/eval/glob.hpp>

#include <policylint/eval/ascii.hpp>

namespace policylint::eval {

namespace {

// One pattern token: a `*`, a `?`, or a literal character (possibly escaped).
enum class TokenKind { star, any_one, literal };

struct Token {
  TokenKind kind;
  char ch;
  std::size_t next; // position of the following token in the pattern
};

Token token_at(std::string_view pattern, std::size_t pos, bool escapes) {
  const char c = pattern[pos];
  if (escapes && c == '\\' && pos + 1 < pattern.size()) {
    return {TokenKind::literal, pattern[pos + 1], pos + 2};
  }
  if (c == '*') {
    return {TokenKind::star, c, pos + 1};
  }
  if (c == '?') {
    return {TokenKind::any_one, c, pos + 1};
  }
  return {TokenKind::literal, c, pos + 1};
}

bool same_char(char a, char b, bool ignore_case) {
  return ignore_case ? ascii_lower(a) == ascii_lower(b) : a == b;
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view text, GlobOptions options) {
  // Classic greedy matcher that remembers only the last `*`: for `*`/`?` globs a later star
  // can absorb anything an earlier one could, so backtracking to the last star suffices.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star_p = std::string_view::npos; // pattern position after the last star
  std::size_t star_t = 0;                      // text position that star is matched up to
  while (t < text.size()) {
    if (p < pattern.size()) {
      const Token tok = token_at(pattern, p, options.escapes);
      if (tok.kind == TokenKind::star) {
        star_p = tok.next;
        star_t = t;
        p = tok.next;
        continue;
      }
      if (tok.kind == TokenKind::any_one || same_char(tok.ch, text[t], options.ignore_case)) {
        p = tok.next;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) {
      return false;
    }
    // Let the last star absorb one more character and retry from there.
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size()) {
    const Token tok = token_at(pattern, p, options.escapes);
    if (tok.kind != TokenKind::star) {
      return false;
    }
    p = tok.next;
  }
  return true;
}

} // namespace policylint::eval
