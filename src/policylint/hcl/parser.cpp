// A scannerless recursive-descent reader for HCL2 native syntax. Every loop consumes input or
// stops, and the first error ends the parse (m_error), so the time is linear in the input and
// the recursion is bounded by ParseLimits::max_depth.
#include <policylint/hcl/parser.hpp>

#include <fmt/format.h>

#include <optional>
#include <utility>

namespace policylint::hcl {

namespace {

bool is_ident_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Parser {
public:
  Parser(std::string_view text, ParseLimits limits) : m_s(text), m_limits(limits) {}

  Result<Body> file() {
    if (looking_at("\xEF\xBB\xBF")) {
      m_p = 3; // a UTF-8 byte-order mark, as editors on Windows write it
    }
    Body body = parse_body(false);
    if (m_error) {
      return fail(std::move(*m_error));
    }
    return body;
  }

private:
  std::string_view m_s;
  ParseLimits m_limits;
  std::size_t m_p = 0;
  std::uint32_t m_depth = 0;
  bool m_newlines = true; // newlines end attributes (false inside brackets and interpolations)
  std::optional<Error> m_error;

  [[nodiscard]] bool eof() const { return m_p >= m_s.size(); }
  [[nodiscard]] char at(std::size_t k = 0) const { return m_p + k < m_s.size() ? m_s[m_p + k] : '\0'; }
  [[nodiscard]] bool failed() const { return m_error.has_value(); }
  [[nodiscard]] std::uint32_t pos() const { return static_cast<std::uint32_t>(m_p); }
  // Safe at any position, the end and past it included (a caller may have stepped over the end).
  [[nodiscard]] bool looking_at(std::string_view w) const { return m_p <= m_s.size() && m_s.substr(m_p, w.size()) == w; }

  void error(std::string message, std::size_t where, ErrorCode code = ErrorCode::invalid_json) {
    if (m_error) {
      return;
    }
    const auto size = static_cast<std::uint32_t>(m_s.size());
    const auto begin = std::min(static_cast<std::uint32_t>(where), size);
    m_error = Error(code, std::move(message), SourceRange{begin, std::min(begin + 1, size)});
    m_p = m_s.size(); // stop every loop
  }

  // Depth guard for anything that recurses.
  struct Nest {
    Parser& p;
    explicit Nest(Parser& parser) : p(parser) {
      if (++p.m_depth > p.m_limits.max_depth) {
        p.error(fmt::format("nesting deeper than {} levels (--max-depth)", p.m_limits.max_depth), p.m_p,
                ErrorCode::limit);
      }
    }
    ~Nest() { --p.m_depth; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
  };

  // Blanks and comments; newlines too when they do not matter here (or `all`).
  void skip(bool all = false) {
    const bool newlines = all || !m_newlines;
    while (!eof()) {
      const char c = at();
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && newlines)) {
        ++m_p;
      } else if (c == '#' || (c == '/' && at(1) == '/')) {
        while (!eof() && at() != '\n') {
          ++m_p;
        }
      } else if (c == '/' && at(1) == '*') {
        const std::size_t start = m_p;
        const auto close = m_s.find("*/", m_p + 2);
        if (close == std::string_view::npos) {
          error("unterminated /* comment", start);
          return;
        }
        m_p = close + 2;
      } else {
        return;
      }
    }
  }

  bool expect(char c, std::string_view what) {
    skip();
    if (at() != c || eof()) {
      error(fmt::format("expected {}", what), m_p);
      return false;
    }
    ++m_p;
    return true;
  }

  std::string identifier() {
    const std::size_t start = m_p;
    while (!eof() && (is_ident_char(at()) || (at() == ':' && at(1) == ':' && is_ident_start(at(2))))) {
      m_p += at() == ':' ? std::size_t{2} : std::size_t{1};
    }
    return std::string(m_s.substr(start, m_p - start));
  }

  // The keyword `word` as a whole identifier at the cursor.
  [[nodiscard]] bool keyword(std::string_view word) const {
    return looking_at(word) && !is_ident_char(at(word.size()));
  }

  // --- bodies -----------------------------------------------------------------------------

  Body parse_body(bool braced) {
    Nest nest(*this);
    Body body;
    const bool saved = m_newlines;
    m_newlines = true;
    while (!failed()) {
      skip(true);
      if (eof()) {
        if (braced) {
          error("expected } to close the block", m_p);
        }
        break;
      }
      if (at() == '}' && braced) {
        break;
      }
      if (!is_ident_start(at())) {
        error("expected an attribute or a block", m_p);
        break;
      }
      const std::uint32_t name_begin = pos();
      std::string name = identifier();
      const SourceRange name_range{name_begin, pos()};
      skip();
      if (at() == '=' && at(1) != '=') {
        ++m_p;
        Attribute a;
        a.name = std::move(name);
        a.name_range = name_range;
        a.value = expression();
        body.attributes.push_back(std::move(a));
      } else {
        Block b;
        b.type = std::move(name);
        b.type_range = name_range;
        while (!failed() && (at() == '"' || is_ident_start(at()))) {
          Label l;
          const std::uint32_t begin = pos();
          if (at() == '"') {
            Expr t = quoted();
            if (!t.is_literal_string()) {
              error("a block label cannot hold an interpolation", begin);
            }
            l.text = t.literal_string();
          } else {
            l.text = identifier();
          }
          l.range = SourceRange{begin, pos()};
          b.labels.push_back(std::move(l));
          skip();
        }
        if (!expect('{', "= or { after a name")) {
          break;
        }
        b.body = parse_body(true);
        if (!expect('}', "} to close the block")) {
          break;
        }
        b.range = SourceRange{name_begin, pos()};
        body.blocks.push_back(std::move(b));
      }
      skip();
      if (!eof() && at() != '\n' && !(braced && at() == '}')) {
        error("expected a newline after the attribute or block", m_p);
      }
    }
    m_newlines = saved;
    return body;
  }

  // --- expressions ------------------------------------------------------------------------

  // Runs `f` with newlines insignificant (inside brackets and interpolations).
  template <class F> auto bracketed(F&& f) {
    const bool saved = m_newlines;
    m_newlines = false;
    auto result = f();
    m_newlines = saved;
    return result;
  }

  static Expr node(ExprKind kind, SourceRange range, std::string text = {}) {
    Expr e;
    e.kind = kind;
    e.range = range;
    e.text = std::move(text);
    return e;
  }

  Expr expression() {
    Nest nest(*this);
    skip();
    const std::uint32_t begin = pos();
    Expr condition = binary(0);
    skip();
    if (failed() || at() != '?') {
      return condition;
    }
    ++m_p;
    Expr e = node(ExprKind::conditional, {});
    e.items.push_back(std::move(condition));
    e.items.push_back(expression());
    if (expect(':', ": in the conditional")) {
      e.items.push_back(expression());
    }
    e.range = SourceRange{begin, pos()};
    return e;
  }

  // The binary operator of precedence `level` at the cursor, or empty.
  std::string_view binary_operator(int level) const {
    const char c = at();
    const char d = at(1);
    switch (level) {
    case 0: return c == '|' && d == '|' ? "||" : "";
    case 1: return c == '&' && d == '&' ? "&&" : "";
    case 2: return (c == '=' || c == '!') && d == '=' ? (c == '=' ? "==" : "!=") : "";
    case 3:
      if (c == '<' && d != '<') {
        return d == '=' ? "<=" : "<";
      }
      if (c == '>') {
        return d == '=' ? ">=" : ">";
      }
      return "";
    case 4: return c == '+' ? "+" : (c == '-' ? "-" : "");
    case 5: return c == '*' ? "*" : c == '/' ? "/" : c == '%' ? "%" : "";
    default: return "";
    }
  }

  Expr binary(int level) {
    if (level > 5) {
      return unary();
    }
    const std::uint32_t begin = pos();
    Expr left = binary(level + 1);
    for (std::uint32_t chain = 1;; ++chain) {
      skip();
      const std::string_view op = failed() ? std::string_view() : binary_operator(level);
      if (op.empty()) {
        return left;
      }
      if (chain + m_depth > m_limits.max_depth) { // a long chain nests the tree as deep
        error(fmt::format("nesting deeper than {} levels (--max-depth)", m_limits.max_depth), m_p, ErrorCode::limit);
        return left;
      }
      m_p += op.size();
      Expr e = node(ExprKind::operation, {}, std::string(op));
      e.items.push_back(std::move(left));
      e.items.push_back(binary(level + 1));
      e.range = SourceRange{begin, pos()};
      left = std::move(e);
    }
  }

  Expr unary() {
    skip();
    if (at() == '!' || at() == '-') {
      Nest nest(*this);
      const std::uint32_t begin = pos();
      Expr e = node(ExprKind::operation, {}, std::string(1, at()));
      ++m_p;
      e.items.push_back(unary());
      e.range = SourceRange{begin, pos()};
      return e;
    }
    return postfix();
  }

  Expr postfix() {
    const std::uint32_t begin = pos();
    Expr e = primary();
    for (std::uint32_t steps = 0; !failed(); ++steps) {
      // Newlines inside brackets may separate `a` from `.b`; at body level they end the value.
      const std::size_t before = m_p;
      skip();
      if (at() == '.' && at(1) == '*') {
        m_p += 2;
        e = wrap(ExprKind::splat, std::move(e), begin);
      } else if (at() == '.' && at(1) != '.') {
        ++m_p;
        const std::uint32_t name_begin = pos();
        std::string name;
        if (is_digit(at())) {
          while (is_digit(at())) {
            ++m_p;
          }
          name = std::string(m_s.substr(name_begin, m_p - name_begin));
        } else if (is_ident_start(at())) {
          name = identifier();
        } else {
          error("expected an attribute name after .", m_p);
          break;
        }
        e = wrap(ExprKind::get_attr, std::move(e), begin);
        e.text = std::move(name);
      } else if (at() == '[') {
        ++m_p;
        skip(true);
        if (at() == '*') {
          ++m_p;
          if (!expect(']', "] after [*")) {
            break;
          }
          e = wrap(ExprKind::splat, std::move(e), begin);
        } else {
          Expr key = bracketed([&] { return expression(); });
          if (!bracketed([&] { return expect(']', "] to close the index"); })) {
            break;
          }
          e = wrap(ExprKind::index, std::move(e), begin);
          e.items.push_back(std::move(key));
        }
      } else {
        m_p = before; // leave the blanks: the body reader looks for the newline
        break;
      }
      if (steps + m_depth > m_limits.max_depth) {
        error(fmt::format("nesting deeper than {} levels (--max-depth)", m_limits.max_depth), m_p, ErrorCode::limit);
      }
    }
    return e;
  }

  Expr wrap(ExprKind kind, Expr inner, std::uint32_t begin) {
    Expr e = node(kind, SourceRange{begin, pos()});
    e.items.push_back(std::move(inner));
    return e;
  }

  Expr primary() {
    skip();
    const std::uint32_t begin = pos();
    if (failed()) {
      return {};
    }
    const char c = at();
    if (eof()) {
      error("expected an expression, found the end of the file", m_p);
      return {};
    }
    if (c == '"') {
      return quoted();
    }
    if (c == '<' && at(1) == '<') {
      return heredoc();
    }
    if (is_digit(c)) {
      return number();
    }
    if (c == '(') {
      ++m_p;
      Expr inner = bracketed([&] { return expression(); });
      bracketed([&] { return expect(')', ") to close the parenthesis"); });
      return inner;
    }
    if (c == '[') {
      ++m_p;
      return bracketed([&] { return tuple(begin); });
    }
    if (c == '{') {
      ++m_p;
      return bracketed([&] { return object(begin); });
    }
    if (is_ident_start(c)) {
      std::string name = identifier();
      if (name == "true" || name == "false") {
        return node(ExprKind::boolean, {begin, pos()}, std::move(name));
      }
      if (name == "null") {
        return node(ExprKind::null_literal, {begin, pos()});
      }
      const std::size_t after_name = m_p;
      skip();
      if (at() == '(') {
        ++m_p;
        return bracketed([&] { return call(std::move(name), begin); });
      }
      m_p = after_name;
      return node(ExprKind::variable, {begin, pos()}, std::move(name));
    }
    error("expected an expression", m_p);
    return {};
  }

  Expr number() {
    const std::uint32_t begin = pos();
    while (is_digit(at())) {
      ++m_p;
    }
    if (at() == '.' && is_digit(at(1))) {
      ++m_p;
      while (is_digit(at())) {
        ++m_p;
      }
    }
    if ((at() == 'e' || at() == 'E') &&
        (is_digit(at(1)) || ((at(1) == '+' || at(1) == '-') && is_digit(at(2))))) {
      m_p += 2;
      while (is_digit(at())) {
        ++m_p;
      }
    }
    return node(ExprKind::number, {begin, pos()}, std::string(m_s.substr(begin, m_p - begin)));
  }

  Expr call(std::string name, std::uint32_t begin) {
    Nest nest(*this);
    Expr e = node(ExprKind::call, {}, std::move(name));
    skip();
    while (!failed() && at() != ')') {
      e.items.push_back(expression());
      skip();
      if (looking_at("...")) {
        m_p += 3;
        skip();
      }
      if (at() == ',') {
        ++m_p;
        skip();
      } else if (at() != ')') {
        error("expected , or ) in the function call", m_p);
      }
    }
    expect(')', ") to close the function call");
    e.range = SourceRange{begin, pos()};
    return e;
  }

  // After `[` or `{`: a for expression when the keyword follows.
  bool for_ahead() {
    skip();
    return keyword("for");
  }

  Expr for_expression(std::uint32_t begin, bool object) {
    Expr e = node(ExprKind::for_expr, {}, object ? "{" : "[");
    m_p += 3;
    skip();
    if (!is_ident_start(at())) {
      error("expected a variable name after for", m_p);
      return e;
    }
    identifier();
    skip();
    if (at() == ',') {
      ++m_p;
      skip();
      if (!is_ident_start(at())) {
        error("expected a second variable name", m_p);
        return e;
      }
      identifier();
      skip();
    }
    if (!keyword("in")) {
      error("expected in", m_p);
      return e;
    }
    m_p += 2;
    e.items.push_back(expression());
    expect(':', ": after the for collection");
    e.items.push_back(expression());
    skip();
    if (object) {
      if (!looking_at("=>")) {
        error("expected => in the object for expression", m_p);
        return e;
      }
      m_p += 2;
      e.items.push_back(expression());
      skip();
      if (looking_at("...")) {
        m_p += 3;
        skip();
      }
    }
    if (keyword("if")) {
      m_p += 2;
      e.items.push_back(expression());
    }
    expect(object ? '}' : ']', object ? "} to close the for expression" : "] to close the for expression");
    e.range = SourceRange{begin, pos()};
    return e;
  }

  Expr tuple(std::uint32_t begin) {
    Nest nest(*this);
    if (for_ahead()) {
      return for_expression(begin, false);
    }
    Expr e = node(ExprKind::tuple, {});
    skip();
    while (!failed() && at() != ']') {
      e.items.push_back(expression());
      skip();
      if (at() == ',') {
        ++m_p;
        skip();
      } else if (at() != ']') {
        error("expected , or ] in the list", m_p);
      }
    }
    expect(']', "] to close the list");
    e.range = SourceRange{begin, pos()};
    return e;
  }

  Expr object(std::uint32_t begin) {
    Nest nest(*this);
    if (for_ahead()) {
      return for_expression(begin, true);
    }
    Expr e = node(ExprKind::object, {});
    skip();
    while (!failed() && at() != '}') {
      ObjectMember m;
      m.key.push_back(expression());
      skip();
      if ((at() == '=' && at(1) != '=') || at() == ':') {
        ++m_p;
      } else {
        error("expected = or : after the object key", m_p);
        break;
      }
      m.value.push_back(expression());
      e.members.push_back(std::move(m));
      skip();
      if (at() == ',') {
        ++m_p;
        skip();
      }
    }
    expect('}', "} to close the object");
    e.range = SourceRange{begin, pos()};
    return e;
  }

  // --- templates --------------------------------------------------------------------------

  // Adds one decoded byte that came from the file at `from` to the literal part being built.
  static void literal_byte(Expr& t, char c, std::uint32_t from) {
    if (t.parts.empty() || t.parts.back().kind != TemplatePart::Kind::literal) {
      TemplatePart p;
      p.range = SourceRange{from, from};
      t.parts.push_back(std::move(p));
    }
    t.parts.back().text += c;
    t.parts.back().map.push_back(from);
  }

  // Closes the literal part being built (its map gains the end entry).
  void close_literal(Expr& t) {
    if (!t.parts.empty() && t.parts.back().kind == TemplatePart::Kind::literal &&
        t.parts.back().map.size() == t.parts.back().text.size()) {
      t.parts.back().map.push_back(pos());
      t.parts.back().range.end = pos();
    }
  }

  // `${…}` or `%{…}` at the cursor.
  void template_sequence(Expr& t) {
    Nest nest(*this);
    close_literal(t);
    const bool directive = at() == '%';
    TemplatePart part;
    part.kind = directive ? TemplatePart::Kind::directive : TemplatePart::Kind::interpolation;
    part.range.begin = pos();
    m_p += 2;
    if (at() == '~') {
      ++m_p;
    }
    bracketed([&] {
      skip();
      if (!directive) {
        part.expr.push_back(expression());
      } else {
        directive_body(part);
      }
      skip();
      if (at() == '~') {
        ++m_p;
      }
      return expect('}', directive ? "} to close the %{ directive" : "} to close the ${ interpolation");
    });
    part.range.end = pos();
    t.parts.push_back(std::move(part));
  }

  void directive_body(TemplatePart& part) {
    if (!is_ident_start(at())) {
      error("expected if, else, endif, for or endfor in the directive", m_p);
      return;
    }
    part.text = identifier();
    if (part.text == "if") {
      part.expr.push_back(expression());
    } else if (part.text == "for") {
      skip();
      identifier();
      skip();
      if (at() == ',') {
        ++m_p;
        skip();
        identifier();
        skip();
      }
      if (!keyword("in")) {
        error("expected in", m_p);
        return;
      }
      m_p += 2;
      part.expr.push_back(expression());
    } else if (part.text != "else" && part.text != "endif" && part.text != "endfor") {
      error(fmt::format("unknown template directive {}", part.text), part.range.begin);
    }
  }

  Expr quoted() {
    const std::uint32_t begin = pos();
    Expr t = node(ExprKind::template_, {});
    ++m_p;
    while (!failed()) {
      if (eof() || at() == '\n') {
        error("unterminated string", begin);
        break;
      }
      const char c = at();
      const std::uint32_t here = pos();
      if (c == '"') {
        close_literal(t);
        ++m_p;
        break;
      }
      if (c == '\\') {
        escape(t);
      } else if ((c == '$' || c == '%') && at(1) == c && at(2) == '{') {
        literal_byte(t, c, here); // $${ and %%{ are the literal ${ and %{
        literal_byte(t, '{', here);
        m_p += 3;
      } else if ((c == '$' || c == '%') && at(1) == '{') {
        template_sequence(t);
      } else {
        literal_byte(t, c, here);
        ++m_p;
      }
    }
    t.range = SourceRange{begin, pos()};
    return t;
  }

  void escape(Expr& t) {
    const std::uint32_t here = pos();
    const char c = at(1);
    char simple = 0;
    switch (c) {
    case 'n': simple = '\n'; break;
    case 't': simple = '\t'; break;
    case 'r': simple = '\r'; break;
    case '"': simple = '"'; break;
    case '\\': simple = '\\'; break;
    default: break;
    }
    if (simple != 0) {
      literal_byte(t, simple, here);
      m_p += 2;
      return;
    }
    if (c == 'u' || c == 'U') {
      const std::size_t digits = c == 'u' ? 4 : 8;
      std::uint32_t cp = 0;
      for (std::size_t i = 0; i < digits; ++i) {
        const char h = at(2 + i);
        const int v = is_digit(h) ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
        if (v < 0) {
          error("malformed \\u escape", here);
          return;
        }
        cp = cp * 16 + static_cast<std::uint32_t>(v);
      }
      if (cp > 0x10FFFF) {
        error("escape beyond Unicode", here);
        return;
      }
      std::string bytes;
      append_utf8(bytes, cp);
      for (char b : bytes) {
        literal_byte(t, b, here);
      }
      m_p += 2 + digits;
      return;
    }
    error("unknown escape sequence", here);
  }

  Expr heredoc() {
    const std::uint32_t begin = pos();
    m_p += 2;
    const bool indented = at() == '-';
    if (indented) {
      ++m_p;
    }
    if (!is_ident_start(at())) {
      error("expected a heredoc marker after <<", m_p);
      return {};
    }
    const std::string marker = identifier();
    if (at() == '\r') {
      ++m_p;
    }
    if (at() != '\n') {
      error("expected a newline after the heredoc marker", m_p);
      return {};
    }
    ++m_p;
    Expr t = node(ExprKind::template_, {});
    t.heredoc = true;
    bool line_start = true;
    while (!failed()) {
      if (eof()) {
        error(fmt::format("heredoc {} is never closed", marker), begin);
        break;
      }
      if (line_start && closes_heredoc(marker)) {
        close_literal(t);
        while (at() == ' ' || at() == '\t') {
          ++m_p;
        }
        m_p += marker.size();
        break;
      }
      const char c = at();
      const std::uint32_t here = pos();
      line_start = false;
      if ((c == '$' || c == '%') && at(1) == c && at(2) == '{') {
        literal_byte(t, c, here);
        literal_byte(t, '{', here);
        m_p += 3;
      } else if ((c == '$' || c == '%') && at(1) == '{') {
        template_sequence(t);
      } else {
        literal_byte(t, c, here);
        ++m_p;
        line_start = c == '\n';
      }
    }
    if (indented && !failed()) {
      strip_indentation(t);
    }
    t.range = SourceRange{begin, pos()};
    return t;
  }

  [[nodiscard]] bool closes_heredoc(const std::string& marker) const {
    std::size_t k = m_p;
    while (k < m_s.size() && (m_s[k] == ' ' || m_s[k] == '\t')) {
      ++k;
    }
    if (m_s.substr(k, marker.size()) != marker) {
      return false;
    }
    k += marker.size();
    if (k < m_s.size() && m_s[k] == '\r') {
      ++k;
    }
    return k >= m_s.size() || m_s[k] == '\n';
  }

  // `<<-`: the smallest indentation of the lines with content is removed from every line.
  static void strip_indentation(Expr& t) {
    std::size_t least = std::string::npos;
    bool line_start = true;
    for (const auto& p : t.parts) {
      if (p.kind != TemplatePart::Kind::literal) {
        if (line_start) {
          least = 0;
        }
        line_start = false;
        continue;
      }
      for (std::size_t i = 0; i < p.text.size(); ++i) {
        if (line_start) {
          std::size_t n = 0;
          while (i + n < p.text.size() && (p.text[i + n] == ' ' || p.text[i + n] == '\t')) {
            ++n;
          }
          const bool blank = i + n < p.text.size() && p.text[i + n] == '\n';
          if (!blank && (i + n < p.text.size() || n > 0)) {
            least = std::min(least, n);
          }
          line_start = false;
        }
        line_start = p.text[i] == '\n';
      }
    }
    if (least == 0 || least == std::string::npos) {
      return;
    }
    line_start = true;
    for (auto& p : t.parts) {
      if (p.kind != TemplatePart::Kind::literal) {
        line_start = false;
        continue;
      }
      std::string text;
      std::vector<std::uint32_t> map;
      std::size_t to_drop = 0;
      for (std::size_t i = 0; i < p.text.size(); ++i) {
        if (line_start) {
          to_drop = least;
          line_start = false;
        }
        const char c = p.text[i];
        if (to_drop > 0 && (c == ' ' || c == '\t')) {
          --to_drop;
          continue;
        }
        to_drop = 0;
        text += c;
        map.push_back(p.map[i]);
        line_start = c == '\n';
      }
      map.push_back(p.map.back());
      p.text = std::move(text);
      p.map = std::move(map);
    }
  }
};

} // namespace

Result<Body> parse(std::string_view text, ParseLimits limits) {
  return Parser(text, limits).file();
}

} // namespace policylint::hcl
