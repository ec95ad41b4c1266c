#include <policylint/config/node.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <exception>

namespace policylint::config {

namespace {

Position position_of(const YAML::Mark& mark) {
  // yaml-cpp counts from 0 and marks a missing position with -1.
  const auto line = mark.line < 0 ? 0 : mark.line;
  const auto column = mark.column < 0 ? 0 : mark.column;
  return Position{static_cast<std::uint32_t>(line) + 1U, static_cast<std::uint32_t>(column) + 1U};
}

class Converter {
public:
  explicit Converter(std::string_view path) : m_path(path) {}

  Result<Node> convert(const YAML::Node& in, std::size_t depth) {
    Node out;
    out.position = position_of(in.Mark());
    if (++m_nodes > k_max_config_nodes) {
      return fail(Error(ErrorCode::limit, located(m_path, out.position, "the configuration has too many values")));
    }
    if (depth > k_max_config_depth) {
      return fail(Error(ErrorCode::limit, located(m_path, out.position, "the configuration is nested too deeply")));
    }
    switch (in.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: out.kind = Node::Kind::null; break;
    case YAML::NodeType::Scalar:
      out.kind = Node::Kind::scalar;
      out.text = in.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = Node::Kind::sequence;
      for (const auto& item : in) {
        POLICYLINT_TRY_ASSIGN(Node child, convert(item, depth + 1));
        out.items.push_back(std::move(child));
      }
      break;
    case YAML::NodeType::Map:
      out.kind = Node::Kind::map;
      for (const auto& member : in) {
        POLICYLINT_TRY_ASSIGN(Node key, convert(member.first, depth + 1));
        POLICYLINT_TRY_ASSIGN(Node value, convert(member.second, depth + 1));
        out.members.push_back(NodeMember{std::move(key), std::move(value)});
      }
      break;
    }
    return out;
  }

private:
  std::string_view m_path;
  std::size_t m_nodes = 0;
};

} // namespace

Result<Node> read_yaml(std::string_view text, std::string_view path) {
  // yaml-cpp reports every problem by throwing; nothing outside this function sees that.
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Converter converter(path);
    return converter.convert(root, 0);
  } catch (const YAML::Exception& e) {
    return fail(Error(ErrorCode::invalid_input, located(path, position_of(e.mark), "invalid YAML: " + e.msg)));
  } catch (const std::exception& e) {
    return fail(
        Error(ErrorCode::invalid_input, located(path, Position{}, fmt::format("cannot read YAML: {}", e.what()))));
  }
}

} // namespace policylint::config
