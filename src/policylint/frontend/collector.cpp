#include <policylint/frontend/collector.hpp>
#include <policylint/frontend/embedded.hpp>

#include <fmt/format.h>

namespace policylint::frontend {

std::size_t Collector::add_tree(json::Value tree, DocumentInfo info) {
  auto owned = std::make_unique<json::Value>(std::move(tree));
  const json::Value* pointer = owned.get();
  m_out.trees.push_back(std::move(owned));
  return add_document(*pointer, std::move(info), false);
}

std::size_t Collector::add_borrowed(const json::Value& tree, DocumentInfo info) {
  return add_document(tree, std::move(info), true);
}

std::size_t Collector::add_document(const json::Value& tree, DocumentInfo info, bool borrowed) {
  const json::Value* owned = &tree;
  account::PolicyDoc doc;
  doc.name = std::move(info.name);
  doc.arn = std::move(info.arn);
  doc.file = m_file.path();
  doc.anchor = owned->range;
  const std::size_t index = m_out.account.documents.size();
  m_out.account.documents.push_back(std::move(doc));
  Document d;
  d.tree = owned;
  d.kind = info.kind;
  d.type = info.type;
  d.resource_service = std::move(info.resource_service);
  d.lint = info.lint;
  d.origin = std::move(info.origin);
  d.suppressed = std::move(info.suppressed);
  d.account_document = index;
  d.editable = (borrowed || info.editable) && m_out.json_text;
  m_out.documents.push_back(std::move(d));
  return index;
}

std::optional<std::size_t> Collector::add_string(const json::Value& token, DocumentInfo info) {
  auto tree = parse_embedded_document(m_file, token, m_limits);
  if (!tree) {
    const Error& e = tree.error();
    note(e.code == ErrorCode::limit ? "input-limit-exceeded" : "invalid-json", e.range.value_or(token.range),
         fmt::format("{}: {}", info.origin, e.message), info.suppressed);
    return std::nullopt;
  }
  return add_tree(std::move(*tree), std::move(info));
}

std::optional<std::size_t> Collector::add_value(const json::Value& value, DocumentInfo info) {
  if (value.is_object()) {
    return add_borrowed(value, std::move(info));
  }
  if (value.is_string()) {
    return add_string(value, std::move(info));
  }
  note("malformed-policy", value.range,
       fmt::format("{}: a policy document must be an object (or a JSON string), not {}", info.origin,
                   json::kind_name(value.kind)),
       info.suppressed);
  return std::nullopt;
}

} // namespace policylint::frontend
