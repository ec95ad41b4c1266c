#include <policylint/rules/support/escalation_memo.hpp>

#include <policylint/core/parallel.hpp>
#include <policylint/policy/content_key.hpp>

#include <algorithm>
#include <set>

namespace policylint::rules::support {

namespace privesc = ::policylint::privesc;

EscalationMemo::EscalationMemo(const account::Graph& graph, std::span<const privesc::Method> methods,
                               std::size_t min_documents)
    : m_graph(graph), m_methods(methods), m_min_documents(min_documents) {}

void EscalationMemo::prepare(std::span<const account::Node> nodes, unsigned jobs) {
  std::vector<const std::vector<std::size_t>*> fresh;
  for (const account::Node& node : nodes) {
    if (node.identity.size() < m_min_documents) {
      continue;
    }
    for (const std::size_t doc : node.identity) {
      represent(doc);
    }
    auto [it, inserted] = m_sets.try_emplace(key_of(node));
    // A document that allows every action by itself completes every method alone: the set has
    // nothing to report. Without this, users who each hold their own inline policy beside
    // AdministratorAccess made a distinct set each, searched in full (5,000 such users: 8 s
    // and 520 MB).
    const auto& key = it->first;
    if (inserted &&
        std::none_of(key.begin(), key.end(), [&](std::size_t doc) { return alone_allows_everything(doc); })) {
      fresh.push_back(&key);
    }
  }
  auto found = core::parallel_map(fresh.size(), jobs, [&](std::size_t i) {
    std::vector<const policy::Policy*> policies;
    for (std::size_t doc : *fresh[i]) {
      policies.push_back(&m_graph.document(doc).policy);
    }
    return privesc::Detector(policies).find_all(m_methods);
  });
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    m_sets.at(*fresh[i]) = std::move(found[i]);
  }
}

std::span<const privesc::MethodHit> EscalationMemo::methods_of(const account::Node& node) {
  return m_sets.at(key_of(node));
}

bool EscalationMemo::allows_everything(const account::Node& node) {
  auto [it, fresh] = m_everything.try_emplace(representatives(node.identity), false);
  if (fresh) {
    std::vector<const policy::Policy*> policies;
    for (const std::size_t doc : it->first) {
      policies.push_back(&m_graph.document(doc).policy);
    }
    it->second = privesc::Detector(policies).allows_everything();
  }
  return it->second;
}

bool EscalationMemo::one_document_allows(const account::Node& node, const privesc::Method& method) {
  return std::any_of(node.identity.begin(), node.identity.end(),
                     [&](std::size_t doc) { return document_allows(m_representative.at(doc), method); });
}

std::optional<std::size_t> EscalationMemo::granting_document(const account::Node& node, const query::Found& found,
                                                             const policy::Statement** statement) const {
  for (const auto& ref : found.evaluation.deciding) {
    if (ref.statement->effect != policy::Effect::allow) {
      continue;
    }
    for (const std::size_t doc : node.identity) {
      if (&m_graph.document(m_representative.at(doc)).policy == ref.policy) {
        const auto at = static_cast<std::size_t>(ref.statement - ref.policy->statements.data());
        *statement = &m_graph.document(doc).policy.statements.at(at);
        return doc;
      }
    }
  }
  return std::nullopt;
}

// The first document read with this one's content.
void EscalationMemo::represent(std::size_t doc) {
  if (m_representative.contains(doc)) {
    return;
  }
  const auto [it, fresh] = m_first_with_content.try_emplace(policy::content_key(m_graph.document(doc).policy), doc);
  m_representative.emplace(doc, it->second);
}

// In the node's order (the first granting document is the one a finding names), each content
// once: copies of one document decide alike.
std::vector<std::size_t> EscalationMemo::representatives(const std::vector<std::size_t>& docs) const {
  std::vector<std::size_t> out;
  std::set<std::size_t> seen;
  for (const std::size_t doc : docs) {
    const std::size_t first = m_representative.at(doc);
    if (seen.insert(first).second) {
      out.push_back(first);
    }
  }
  return out;
}

std::vector<std::size_t> EscalationMemo::key_of(const account::Node& node) {
  std::vector<std::size_t> key = representatives(node.identity);
  std::erase_if(key, [&](std::size_t doc) { return !matters(doc); });
  return key;
}

bool EscalationMemo::alone_allows_everything(std::size_t doc) {
  auto [it, fresh] = m_alone_everything.try_emplace(doc, false);
  if (fresh) {
    const std::array<const policy::Policy*, 1> one{&m_graph.document(doc).policy};
    it->second = privesc::Detector(one).allows_everything();
  }
  return it->second;
}

bool EscalationMemo::matters(std::size_t doc) {
  auto [it, fresh] = m_matters.try_emplace(doc, false);
  if (fresh) {
    it->second = privesc::may_matter(m_graph.document(doc).policy, privesc::methods());
  }
  return it->second;
}

bool EscalationMemo::document_allows(std::size_t doc, const privesc::Method& method) {
  auto [it, fresh] = m_answers.try_emplace({doc, &method}, false);
  if (fresh) {
    auto& one = m_documents[doc];
    if (!one.detector) {
      one.policies[0] = &m_graph.document(doc).policy;
      one.detector = std::make_unique<privesc::Detector>(one.policies);
    }
    it->second = one.detector->find(method).has_value();
  }
  return it->second;
}

} // namespace policylint::rules::support
