#pragma once
// Reading a rule file's JSON tree with a message for every mistake: unknown and duplicate
// keys, wrong types, missing fields. Each problem is recorded as "file:line:col: message"
// and reading goes on, so one run reports every mistake in every file.
#include <policylint/core/source_file.hpp>
#include <policylint/json/value.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::custom {

// Problems come out grouped by file in reading order and, within a file, by position.
class Problems {
public:
  explicit Problems(std::vector<std::string>& sink) : m_sink(sink) {}
  Problems(const Problems&) = delete;
  Problems& operator=(const Problems&) = delete;
  ~Problems() { flush(); }

  void add(const SourceFile& file, SourceRange range, std::string_view message);
  void add(std::string_view where, std::string_view message); // no position (a directory)
  [[nodiscard]] std::size_t count() const { return m_sink.size() + m_pending.size(); }
  // Sorts the current file's problems into the sink.
  void flush();

private:
  struct Pending {
    std::string path;
    std::uint32_t offset = 0;
    std::string text;
  };
  std::vector<std::string>& m_sink;
  std::vector<Pending> m_pending;
};

// "file:line:col" of a range's start.
[[nodiscard]] std::string where(const SourceFile& file, SourceRange range);

// A string (or list) value with its range, as read.
struct Field {
  std::string text;
  SourceRange range;
};

// One JSON object being read: reports unknown keys (with the known ones) and repeated keys.
class ObjectReader {
public:
  ObjectReader(const SourceFile& file, const json::Value& object, std::string_view what,
               std::initializer_list<std::string_view> known, Problems& problems);

  [[nodiscard]] const json::Value* find(std::string_view key) const { return m_object.find(key); }
  // nullopt (and a problem when required or of the wrong type) unless a string.
  [[nodiscard]] std::optional<Field> string(std::string_view key, bool required);
  // A string or an array of strings; nullopt when missing (a problem when required) or not
  // an array. Non-string items are problems and left out; the others are returned.
  [[nodiscard]] std::optional<std::vector<Field>> strings(std::string_view key, bool required);
  void missing(std::string_view key);
  void wrong_type(const json::Value& value, std::string_view key, std::string_view expected);

  [[nodiscard]] const SourceFile& file() const { return m_file; }
  [[nodiscard]] const json::Value& object() const { return m_object; }
  [[nodiscard]] Problems& problems() { return m_problems; }

private:
  const SourceFile& m_file;
  const json::Value& m_object;
  std::string m_what;
  Problems& m_problems;
};

} // namespace policylint::custom
