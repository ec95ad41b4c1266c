#include <policylint/config/node.hpp>

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>

#include <fmt/format.h>

namespace policylint::config {

namespace {

Node convert(const json::Value& in, const SourceFile& file) {
  Node out;
  out.position = file.position(in.range.begin);
  switch (in.kind) {
  case json::Kind::null: out.kind = Node::Kind::null; break;
  case json::Kind::boolean:
  case json::Kind::number:
  case json::Kind::string:
    out.kind = Node::Kind::scalar;
    out.text = in.text;
    break;
  case json::Kind::array:
    out.kind = Node::Kind::sequence;
    for (const auto& item : in.items) {
      out.items.push_back(convert(item, file));
    }
    break;
  case json::Kind::object:
    out.kind = Node::Kind::map;
    for (const auto& m : in.members) {
      Node key;
      key.kind = Node::Kind::scalar;
      key.text = m.key;
      key.position = file.position(m.key_range.begin);
      out.members.push_back(NodeMember{std::move(key), convert(m.value, file)});
    }
    break;
  }
  return out;
}

} // namespace

Result<Node> read_json(std::string_view text, std::string_view path) {
  const SourceFile file{std::string(path), std::string(text)};
  json::ParseLimits limits;
  limits.max_depth = k_max_config_depth;
  auto tree = json::parse(file, limits);
  if (!tree) {
    const Position at = file.position(tree.error().range.value_or(SourceRange{}).begin);
    return fail(Error(ErrorCode::invalid_input, located(path, at, "invalid JSON: " + tree.error().message)));
  }
  return convert(*tree, file);
}

std::string_view kind_name(Node::Kind kind) {
  switch (kind) {
  case Node::Kind::null: return "nothing";
  case Node::Kind::scalar: return "a single value";
  case Node::Kind::sequence: return "a list";
  case Node::Kind::map: return "a mapping";
  }
  return "nothing";
}

std::string located(std::string_view path, Position position, std::string_view message) {
  return fmt::format("{}:{}:{}: {}", path, position.line, position.column, message);
}

} // namespace policylint::config
