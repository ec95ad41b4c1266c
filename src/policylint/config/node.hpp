#pragma once
// The configuration file as a small tree with a position on every node, whatever its syntax
// (YAML or JSON): the schema checks (schema.cpp) read only this, so both syntaxes give the
// same errors at the same places.
#include <policylint/core/expected.hpp>
#include <policylint/core/source_range.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace policylint::config {

struct NodeMember;

struct Node {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string text;                           // scalars: the value as written (JSON strings unescaped)
  Position position;                          // 1-based line and column of the node's first character
  std::vector<Node> items;                    // sequences
  std::vector<NodeMember> members;            // maps, in file order, duplicates kept
};

// A map member. (Not std::pair: a pair of the still incomplete Node does not compile with
// clang, which builds the fuzzers.)
struct NodeMember {
  Node first;  // the key
  Node second; // the value
};

[[nodiscard]] std::string_view kind_name(Node::Kind kind);

// Limits on what a configuration file may be: a config is a few dozen lines; anything far
// larger or deeper is a mistake or an attack (YAML aliases can multiply nodes).
inline constexpr std::size_t k_max_config_bytes = 1U << 20U;
inline constexpr std::size_t k_max_config_nodes = 100000;
inline constexpr std::size_t k_max_config_depth = 32;

// An error at a node: "path:line:col: message".
[[nodiscard]] std::string located(std::string_view path, Position position, std::string_view message);

// YAML 1.2 via yaml-cpp (anchors and aliases resolved, tags ignored); every exception yaml-cpp
// throws is caught here and becomes an Error with its position.
[[nodiscard]] Result<Node> read_yaml(std::string_view text, std::string_view path);
// Strict JSON via json::parse.
[[nodiscard]] Result<Node> read_json(std::string_view text, std::string_view path);

} // namespace policylint::config
