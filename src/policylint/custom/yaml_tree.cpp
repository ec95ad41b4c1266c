#include <policylint/custom/yaml_tree.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace policylint::custom {

namespace {

constexpr int k_max_depth = 64;
constexpr std::size_t k_max_nodes = 100000; // aliases can make a small file expand enormously

SourceRange range_at(const YAML::Mark& mark, const SourceFile& file) {
  const auto size = static_cast<std::uint32_t>(file.size());
  const auto begin = mark.pos < 0 ? 0U : std::min(static_cast<std::uint32_t>(mark.pos), size);
  return SourceRange{begin, std::min(begin + 1, std::max(begin, size))};
}

bool is_number(const std::string& s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  const std::size_t digits_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    ++i;
  }
  if (i == digits_start) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
  }
  return i == s.size();
}

class Converter {
public:
  explicit Converter(const SourceFile& file) : m_file(file) {}

  Result<json::Value> convert(const YAML::Node& node, int depth) {
    if (depth > k_max_depth) {
      return fail(Error(ErrorCode::limit, "YAML nested deeper than 64 levels", range_at(node.Mark(), m_file)));
    }
    if (++m_nodes > k_max_nodes) {
      return fail(Error(ErrorCode::limit, "YAML expands to more than 100000 nodes (aliases?)", range_at(node.Mark(), m_file)));
    }
    json::Value out;
    out.range = range_at(node.Mark(), m_file);
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: out.kind = json::Kind::null; break;
    case YAML::NodeType::Scalar: scalar(node, out); break;
    case YAML::NodeType::Sequence:
      out.kind = json::Kind::array;
      for (const auto& item : node) {
        auto v = convert(item, depth + 1);
        if (!v) {
          return v;
        }
        out.items.push_back(std::move(*v));
      }
      break;
    case YAML::NodeType::Map:
      out.kind = json::Kind::object;
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return fail(Error(ErrorCode::invalid_input, "YAML keys must be plain strings", range_at(kv.first.Mark(), m_file)));
        }
        auto v = convert(kv.second, depth + 1);
        if (!v) {
          return v;
        }
        out.members.push_back(json::Member{kv.first.Scalar(), range_at(kv.first.Mark(), m_file), std::move(*v)});
      }
      break;
    }
    return out;
  }

private:
  static void scalar(const YAML::Node& node, json::Value& out) {
    const std::string& text = node.Scalar();
    out.kind = json::Kind::string;
    out.text = text;
    if (node.Tag() != "?") {
      return; // quoted or explicitly tagged: a string as written
    }
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
      out.kind = json::Kind::null;
      out.text.clear();
    } else if (text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" || text == "FALSE") {
      out.kind = json::Kind::boolean;
      out.text = text[0] == 't' || text[0] == 'T' ? "true" : "false";
    } else if (is_number(text)) {
      out.kind = json::Kind::number;
    }
  }

  const SourceFile& m_file;
  std::size_t m_nodes = 0;
};

} // namespace

Result<json::Value> parse_yaml(const SourceFile& file) {
  // yaml-cpp reports problems by throwing; this is the edge where they become values.
  try {
    const YAML::Node root = YAML::Load(std::string(file.text()));
    return Converter(file).convert(root, 0);
  } catch (const YAML::Exception& e) {
    return fail(Error(ErrorCode::invalid_input, "invalid YAML: " + e.msg, range_at(e.mark, file)));
  }
}

} // namespace policylint::custom
