#pragma once
// What every front end does with a policy document it found: keep its tree, record it as a
// document to lint and as a document of the account.
#include <policylint/core/source_file.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/parser.hpp>

#include <string>
#include <vector>

namespace policylint::frontend {

struct DocumentInfo {
  std::optional<policy::PolicyKind> kind = policy::PolicyKind::identity; // nullopt: detect
  std::optional<policy::PolicyType> type; // the context's policy type (Document::type)
  std::string resource_service;
  bool lint = true;
  std::string origin;   // where in the input, for messages ("Resources.Admin.Policies[0]")
  std::string name;     // account::PolicyDoc::name
  std::string arn;      // managed policies
  std::vector<std::string> suppressed;
  bool editable = false; // a copy whose ranges still cover the file's own JSON text (Document::editable)
};

class Collector {
public:
  Collector(const SourceFile& file, Extraction& out, json::ParseLimits limits) : m_file(file), m_out(out), m_limits(limits) {}

  // A document already in file coordinates (copied). Returns its index in account.documents.
  std::size_t add_tree(json::Value tree, DocumentInfo info);
  // A document inside the root the front end reads, without a copy (the root outlives the
  // extraction: the runner keeps it).
  std::size_t add_borrowed(const json::Value& tree, DocumentInfo info);
  // A document held in a string of the file (escaped JSON, URL-encoded, or a YAML scalar). When
  // it does not parse, reports invalid-json at the right byte and returns nullopt.
  std::optional<std::size_t> add_string(const json::Value& token, DocumentInfo info);
  // Either of the above, by the value's kind; other kinds get a malformed-policy note.
  std::optional<std::size_t> add_value(const json::Value& value, DocumentInfo info);

  void note(std::string rule, SourceRange range, std::string message, std::vector<std::string> suppressed = {}) {
    m_out.notes.push_back({std::move(rule), range, std::move(message), std::move(suppressed)});
  }
  [[nodiscard]] Extraction& out() { return m_out; }
  [[nodiscard]] const SourceFile& file() const { return m_file; }
  [[nodiscard]] const json::ParseLimits& limits() const { return m_limits; }

private:
  std::size_t add_document(const json::Value& tree, DocumentInfo info, bool borrowed);

  const SourceFile& m_file;
  Extraction& m_out;
  json::ParseLimits m_limits;
};

} // namespace policylint::frontend
