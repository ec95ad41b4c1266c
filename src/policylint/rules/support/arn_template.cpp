#include <policylint/rules/support/arn_template.hpp>

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
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

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::vector<Token> tokenize_pattern(std::string_view p) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '$' && i + 1 < p.size() && p[i + 1] == '{') {
      const std::size_t close = p.find('}', i + 2);
      if (close != std::string_view::npos) { // a policy variable: any text, conservatively
        out.push_back({Kind::star});
        i = close;
        continue;
      }
    }
    if (p[i] == '*') {
      if (out.empty() || out.back().kind != Kind::star) {
        out.push_back({Kind::star});
      }
    } else if (p[i] == '?') {
      out.push_back({Kind::one});
    } else {
      out.push_back({Kind::literal, fold(p[i])});
    }
  }
  return out;
}

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

// Whether the languages of two globs intersect.
bool intersects(const std::vector<Token>& a, const std::vector<Token>& b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // reach[i][j]: the prefixes a[0,i) and b[0,j) can produce a common text.
  std::vector<char> reach((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> char& { return reach[i * (m + 1) + j]; };
  at(0, 0) = 1;
  for (std::size_t i = 0; i <= n; ++i) {
    for (std::size_t j = 0; j <= m; ++j) {
      if (!at(i, j)) {
        continue;
      }
      // A star produces nothing more: step past it.
      if (i < n && a[i].kind == Kind::star) {
        at(i + 1, j) = 1;
      }
      if (j < m && b[j].kind == Kind::star) {
        at(i, j + 1) = 1;
      }
      // A star absorbs one character of the other side (a single-character token, or one
      // character the other side's star produces, in which case that star stays too).
      if (i < n && a[i].kind == Kind::star && j < m && b[j].kind != Kind::star) {
        if (chars_compatible(Token{Kind::one, 0, a[i].no_colon, a[i].no_slash}, b[j])) {
          at(i, j + 1) = 1;
        }
      }
      if (j < m && b[j].kind == Kind::star && i < n && a[i].kind != Kind::star) {
        if (chars_compatible(a[i], Token{Kind::one, 0, b[j].no_colon, b[j].no_slash})) {
          at(i + 1, j) = 1;
        }
      }
      // Two single characters.
      if (i < n && j < m && a[i].kind != Kind::star && b[j].kind != Kind::star && chars_compatible(a[i], b[j])) {
        at(i + 1, j + 1) = 1;
      }
    }
  }
  return at(n, m) != 0;
}

} // namespace

bool arn_may_match_template(std::string_view pattern, std::string_view arn_template) {
  std::vector<Token> t;
  if (arn_template.empty() || !tokenize_template(arn_template, t)) {
    return true;
  }
  return intersects(tokenize_pattern(pattern), t);
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
  return intersects(tokenize_pattern(*p), tokens);
}

} // namespace policylint::rules::support
