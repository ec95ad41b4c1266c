#pragma once
// What each principal's identity documents allow together, in escalation methods: searched
// once per distinct set of documents, for every principal of an account. In a real account
// many principals share the documents that matter exactly (the users of one group, roles made
// from one template) and differ in ones that grant no step of any method (privesc::may_matter);
// a snapshot also repeats one inline policy under many users, each copy a document of its own.
// The detector's answer depends on the documents' content alone, so documents are told apart
// by content (policy::content_key), not by place, and each distinct set of the documents that
// matter is searched once: without this a snapshot pays the whole search once per principal
// (PL908, and `policylint graph`). Answers found on one copy name its statements;
// granting_document translates them to the node's own copy.
#include <policylint/account/graph.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/privesc/methods.hpp>

#include <cstddef>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace policylint::rules::support {

class EscalationMemo {
public:
  // `methods` must outlive the memo; nodes with fewer than `min_documents` identity documents
  // are not searched (PL908 leaves one-document principals to PL401).
  EscalationMemo(const account::Graph& graph, std::span<const ::policylint::privesc::Method> methods,
                 std::size_t min_documents);

  // Searches every distinct set of the nodes' documents that matter, `jobs` sets at once
  // (each search has its own engine; the graph is only read). A set in which one document
  // allows every action by itself is not searched: escalation is moot there.
  void prepare(std::span<const account::Node> nodes, unsigned jobs);

  // The escalation methods the node's identity documents allow together (after prepare).
  [[nodiscard]] std::span<const ::policylint::privesc::MethodHit> methods_of(const account::Node& node);

  // Together the node's documents (all of them, not only those that matter: an Allow of
  // s3:* beside NotAction s3:* completes "every action") allow every action.
  [[nodiscard]] bool allows_everything(const account::Node& node);

  // Does one of the node's documents allow the whole method by itself?
  [[nodiscard]] bool one_document_allows(const account::Node& node, const ::policylint::privesc::Method& method);

  // The node's own document, and its statement, that grants a request found on the
  // representatives' copies (as cross_policy::granting_document for the node's own policies).
  [[nodiscard]] std::optional<std::size_t> granting_document(const account::Node& node, const query::Found& found,
                                                             const policy::Statement** statement) const;

private:
  void represent(std::size_t doc);
  [[nodiscard]] std::vector<std::size_t> representatives(const std::vector<std::size_t>& docs) const;
  [[nodiscard]] std::vector<std::size_t> key_of(const account::Node& node);
  [[nodiscard]] bool alone_allows_everything(std::size_t doc);
  [[nodiscard]] bool matters(std::size_t doc);
  [[nodiscard]] bool document_allows(std::size_t doc, const ::policylint::privesc::Method& method);

  struct OneDocument {
    std::array<const policy::Policy*, 1> policies{};
    std::unique_ptr<::policylint::privesc::Detector> detector; // its step answers serve every method
  };

  const account::Graph& m_graph;
  std::span<const ::policylint::privesc::Method> m_methods;
  std::size_t m_min_documents;
  std::map<std::string, std::size_t> m_first_with_content;
  std::map<std::size_t, std::size_t> m_representative; // document → the first with its content
  std::map<std::size_t, bool> m_matters;
  std::map<std::size_t, bool> m_alone_everything;
  std::map<std::vector<std::size_t>, std::vector<::policylint::privesc::MethodHit>> m_sets;
  std::map<std::vector<std::size_t>, bool> m_everything;
  std::map<std::size_t, OneDocument> m_documents; // node-based: the detectors' spans stay valid
  std::map<std::pair<std::size_t, const ::policylint::privesc::Method*>, bool> m_answers;
};

} // namespace policylint::rules::support
