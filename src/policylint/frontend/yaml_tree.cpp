#include <policylint/frontend/yaml_tree.hpp>

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace policylint::frontend {

namespace {

constexpr std::array<std::string_view, 17> k_short_tags = {
    "!Ref",    "!Sub",         "!GetAtt", "!If",     "!Join", "!Select", "!Split", "!FindInMap", "!ImportValue",
    "!Base64", "!Cidr",        "!GetAZs", "!Equals", "!And",  "!Or",     "!Not",   "!Condition"};

// The long-form key of a CloudFormation short-form tag, or empty.
std::string long_form(const std::string& tag) {
  if (std::find(k_short_tags.begin(), k_short_tags.end(), tag) == k_short_tags.end()) {
    return {};
  }
  if (tag == "!Ref" || tag == "!Condition") {
    return tag.substr(1);
  }
  return "Fn::" + tag.substr(1);
}

bool is_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  const std::size_t digits_from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
  }
  if (i == digits_from) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      ++i;
    }
    const std::size_t exp_from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    if (i == exp_from) {
      return false;
    }
  }
  return i == s.size();
}

class Converter {
public:
  Converter(std::string_view text, std::uint32_t max_depth) : m_text(text), m_max_depth(max_depth) {}

  Result<json::Value> convert(const YAML::Node& node, bool in_flow, std::uint32_t depth) {
    // Aliases are shared nodes: "&a [*b, *b, …]" chains expand exponentially. Refuse a tree
    // far larger than the text could hold without them.
    if (++m_nodes > m_max_nodes) {
      return fail(Error(ErrorCode::limit,
                        fmt::format("YAML aliases expand to more than {} nodes; not analysed", m_max_nodes),
                        SourceRange{start_of(node), start_of(node) + 1}));
    }
    if (depth > m_max_depth) {
      return fail(Error(ErrorCode::limit, fmt::format("YAML nesting deeper than {} levels", m_max_depth),
                        SourceRange{start_of(node), start_of(node) + 1}));
    }
    const std::uint32_t start = start_of(node);
    const std::uint32_t body = skip_tag(start, node.Tag());
    const std::string intrinsic = long_form(node.Tag());
    json::Value v;
    switch (node.Type()) {
    case YAML::NodeType::Map: {
      const bool flow = at(body) == '{';
      std::uint32_t end = body;
      for (auto it = node.begin(); it != node.end(); ++it) {
        POLICYLINT_TRY_ASSIGN(json::Value key, convert(it->first, in_flow || flow, depth + 1));
        POLICYLINT_TRY_ASSIGN(json::Value value, convert(it->second, in_flow || flow, depth + 1));
        end = std::max({end, key.range.end, value.range.end});
        json::Member m;
        m.key = key.kind == json::Kind::string || key.kind == json::Kind::number || key.kind == json::Kind::boolean
                    ? key.text
                    : std::string();
        m.key_range = key.range;
        m.value = std::move(value);
        v.members.push_back(std::move(m));
      }
      v.kind = json::Kind::object;
      v.range = {body, flow ? close_of(std::max(end, body + 1), '}') : end};
      break;
    }
    case YAML::NodeType::Sequence: {
      const bool flow = at(body) == '[';
      std::uint32_t end = body;
      for (auto it = node.begin(); it != node.end(); ++it) {
        POLICYLINT_TRY_ASSIGN(json::Value item, convert(*it, in_flow || flow, depth + 1));
        end = std::max(end, item.range.end);
        v.items.push_back(std::move(item));
      }
      v.kind = json::Kind::array;
      v.range = {body, flow ? close_of(std::max(end, body + 1), ']') : std::max(end, body + 1)};
      break;
    }
    case YAML::NodeType::Scalar: {
      v.range = {body, scalar_end(body, in_flow)};
      v.text = node.Scalar();
      if (node.Tag() == "?") {
        classify_plain(v);
      } else {
        v.kind = json::Kind::string;
      }
      break;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      v.kind = json::Kind::null;
      v.range = {body, std::max(body, scalar_end(body, in_flow))};
      break;
    }
    if (intrinsic.empty()) {
      return v;
    }
    if (v.kind == json::Kind::null) {
      v.kind = json::Kind::string; // `!Ref` with nothing after it: an empty name
      v.text.clear();
    }
    json::Value wrapper;
    wrapper.kind = json::Kind::object;
    wrapper.range = {start, std::max(v.range.end, body)};
    json::Member m;
    m.key = intrinsic;
    m.key_range = {start, static_cast<std::uint32_t>(start + node.Tag().size())};
    m.value = std::move(v);
    wrapper.members.push_back(std::move(m));
    return wrapper;
  }

private:
  std::string_view m_text;
  std::uint32_t m_max_depth;
  std::size_t m_nodes = 0;
  std::size_t m_max_nodes = 2 * m_text.size() + 1024;

  [[nodiscard]] char at(std::uint32_t i) const { return i < m_text.size() ? m_text[i] : '\0'; }

  [[nodiscard]] std::uint32_t start_of(const YAML::Node& node) const {
    const auto pos = node.Mark().pos;
    return pos < 0 ? 0U : static_cast<std::uint32_t>(std::min<std::size_t>(static_cast<std::size_t>(pos), m_text.size()));
  }

  // Past an explicit tag ("!Sub ", "!!str ") to the node's own first byte.
  [[nodiscard]] std::uint32_t skip_tag(std::uint32_t i, const std::string& tag) const {
    if (at(i) != '!' || tag.empty() || tag == "?") {
      return i;
    }
    while (i < m_text.size() && at(i) != ' ' && at(i) != '\t' && at(i) != '\n' && at(i) != '\r') {
      ++i;
    }
    // A tagged block collection starts on the next line; its range then begins after the tag.
    while (at(i) == ' ' || at(i) == '\t') {
      ++i;
    }
    return i;
  }

  [[nodiscard]] std::uint32_t scalar_end(std::uint32_t i, bool in_flow) const {
    const char c = at(i);
    if (c == '"' || c == '\'') {
      std::uint32_t j = i + 1;
      while (j < m_text.size()) {
        if (c == '"' && at(j) == '\\') {
          j += 2;
          continue;
        }
        if (at(j) == c) {
          if (c == '\'' && at(j + 1) == '\'') {
            j += 2;
            continue;
          }
          return j + 1;
        }
        ++j;
      }
      return static_cast<std::uint32_t>(m_text.size());
    }
    std::uint32_t j = i;
    std::uint32_t last = i; // just past the last non-blank byte
    while (j < m_text.size()) {
      const char d = at(j);
      if (d == '\n' || d == '\r') {
        break;
      }
      if (d == '#' && j > i && (at(j - 1) == ' ' || at(j - 1) == '\t')) {
        break;
      }
      if (in_flow && (d == ',' || d == ']' || d == '}')) {
        break;
      }
      if (d == ':' && (at(j + 1) == ' ' || at(j + 1) == '\n' || at(j + 1) == '\r' || at(j + 1) == '\0' ||
                       (in_flow && (at(j + 1) == ',' || at(j + 1) == '}')))) {
        break; // the end of a mapping key
      }
      ++j;
      if (d != ' ' && d != '\t') {
        last = j;
      }
    }
    return last;
  }

  // After `from` (past the last child), the closing bracket of a flow collection.
  [[nodiscard]] std::uint32_t close_of(std::uint32_t from, char bracket) const {
    for (std::uint32_t j = from; j < m_text.size(); ++j) {
      if (at(j) == bracket) {
        return j + 1;
      }
    }
    return from;
  }

  static void classify_plain(json::Value& v) {
    const std::string& s = v.text;
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
      v.kind = json::Kind::null;
    } else if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
      v.kind = json::Kind::boolean;
      v.text = (s[0] == 't' || s[0] == 'T') ? "true" : "false";
    } else if (is_number(s)) {
      v.kind = json::Kind::number;
    } else {
      v.kind = json::Kind::string;
    }
  }
};

} // namespace

namespace {

// yaml-cpp's parser recurses once per nesting level, so a hostile file ("[[[[…" or "- - - …")
// could exhaust the stack before any limit of ours applies. Estimate the nesting from the
// text first: flow brackets outside quotes, and per line, the indentation plus compact "- "
// entries. The estimate can only overshoot, and templates stay far below the limit.
std::optional<std::uint32_t> too_deep(std::string_view text, std::uint32_t max_depth) {
  std::uint32_t flow = 0;
  char quote = 0;
  bool line_start = true;
  std::uint32_t indent = 0;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_start = true;
      indent = 0;
      quote = flow == 0 ? 0 : quote; // block scalars and plain text never span quotes across lines
      continue;
    }
    if (line_start) {
      if (c == ' ') {
        ++indent;
        continue;
      }
      if (c == '-' && i + 1 < text.size() && text[i + 1] == ' ') {
        indent += 2;
        ++i;
        continue;
      }
      line_start = false;
      if (indent > 4 * max_depth) {
        return i;
      }
    }
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++flow > max_depth) {
        return i;
      }
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    }
  }
  return std::nullopt;
}

} // namespace

Result<json::Value> parse_yaml(const SourceFile& file, std::uint32_t max_depth) {
  const std::string_view text = file.text();
  if (const auto at = too_deep(text, max_depth)) {
    return fail(Error(ErrorCode::limit, fmt::format("YAML nested deeper than {} levels; not analysed", max_depth),
                      SourceRange{*at, *at + 1}));
  }
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Converter converter(text, max_depth);
    return converter.convert(root, false, 0);
  } catch (const YAML::Exception& e) {
    const auto pos = e.mark.pos < 0 ? 0U : static_cast<std::uint32_t>(std::min<std::size_t>(static_cast<std::size_t>(e.mark.pos), text.size()));
    const std::uint32_t end = pos < text.size() ? pos + 1 : pos;
    return fail(Error(ErrorCode::invalid_json, "invalid YAML: " + e.msg, SourceRange{pos, end}));
  } catch (const std::exception& e) {
    return fail(Error(ErrorCode::invalid_json, std::string("invalid YAML: ") + e.what(), SourceRange{0, 0}));
  }
}

bool looks_like_yaml_template(std::string_view text) {
  if (text.find("AWSTemplateFormatVersion") != std::string_view::npos) {
    return true;
  }
  // "Resources:" at the start of a line and a "Type: AWS::" (quoted or not) somewhere.
  const bool resources = text.starts_with("Resources:") || text.find("\nResources:") != std::string_view::npos;
  if (!resources) {
    return false;
  }
  for (std::size_t at = text.find("Type:"); at != std::string_view::npos; at = text.find("Type:", at + 5)) {
    std::size_t j = at + 5;
    while (j < text.size() && (text[j] == ' ' || text[j] == '"' || text[j] == '\'')) {
      ++j;
    }
    if (text.substr(j, 5) == "AWS::" || text.substr(j, 7) == "Alexa::") {
      return true;
    }
  }
  return false;
}

} // namespace policylint::frontend
