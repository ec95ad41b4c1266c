#include <policylint/custom/fields.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace policylint::custom {

std::string where(const SourceFile& file, SourceRange range) {
  const Position p = file.position(range.begin);
  return fmt::format("{}:{}:{}", file.path(), p.line, p.column);
}

void Problems::add(const SourceFile& file, SourceRange range, std::string_view message) {
  if (!m_pending.empty() && m_pending.front().path != file.path()) {
    flush();
  }
  m_pending.push_back(Pending{file.path(), range.begin, fmt::format("{}: {}", where(file, range), message)});
}

void Problems::add(std::string_view at, std::string_view message) {
  flush();
  m_sink.push_back(fmt::format("{}: {}", at, message));
}

void Problems::flush() {
  std::stable_sort(m_pending.begin(), m_pending.end(),
                   [](const Pending& a, const Pending& b) { return a.offset < b.offset; });
  for (auto& p : m_pending) {
    m_sink.push_back(std::move(p.text));
  }
  m_pending.clear();
}

ObjectReader::ObjectReader(const SourceFile& file, const json::Value& object, std::string_view what,
                           std::initializer_list<std::string_view> known, Problems& problems)
    : m_file(file), m_object(object), m_what(what), m_problems(problems) {
  std::vector<std::string_view> seen;
  for (const json::Member& m : object.members) {
    if (std::find(known.begin(), known.end(), m.key) == known.end()) {
      m_problems.add(file, m.key_range,
                     fmt::format("unknown key \"{}\" in {} (expected one of: {})", m.key, m_what, fmt::join(known, ", ")));
    } else if (std::find(seen.begin(), seen.end(), m.key) != seen.end()) {
      m_problems.add(file, m.key_range, fmt::format("duplicate key \"{}\" in {}", m.key, m_what));
    }
    seen.push_back(m.key);
  }
}

void ObjectReader::missing(std::string_view key) {
  // At the opening brace: the object that lacks the key.
  m_problems.add(m_file, m_object.range, fmt::format("{} has no \"{}\" (required)", m_what, key));
}

void ObjectReader::wrong_type(const json::Value& value, std::string_view key, std::string_view expected) {
  m_problems.add(m_file, value.range,
                 fmt::format("\"{}\" must be {}, not {}", key, expected, json::kind_name(value.kind)));
}

std::optional<Field> ObjectReader::string(std::string_view key, bool required) {
  const json::Value* v = find(key);
  if (v == nullptr) {
    if (required) {
      missing(key);
    }
    return std::nullopt;
  }
  if (!v->is_string()) {
    wrong_type(*v, key, "a string");
    return std::nullopt;
  }
  return Field{v->text, v->range};
}

std::optional<std::vector<Field>> ObjectReader::strings(std::string_view key, bool required) {
  const json::Value* v = find(key);
  if (v == nullptr) {
    if (required) {
      missing(key);
    }
    return std::nullopt;
  }
  if (v->is_string()) {
    return std::vector<Field>{Field{v->text, v->range}};
  }
  if (!v->is_array()) {
    wrong_type(*v, key, "a string or an array of strings");
    return std::nullopt;
  }
  std::vector<Field> out;
  for (const json::Value& item : v->items) {
    if (!item.is_string()) {
      m_problems.add(m_file, item.range,
                     fmt::format("\"{}\" must hold only strings, not {}", key, json::kind_name(item.kind)));
      continue;
    }
    out.push_back(Field{item.text, item.range});
  }
  return out;
}

} // namespace policylint::custom
