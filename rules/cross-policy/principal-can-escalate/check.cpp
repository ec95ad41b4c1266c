// PL908: PL401 with the whole principal. A method whose requests are granted by different
// policies of one user or role (its own, its groups', managed ones) is invisible to a
// per-document check; here every identity policy of the principal is searched together,
// and each request is confirmed through the graph, so the permissions boundary counts too.
#include <policylint/core/parallel.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/support/escalation.hpp>
#include <policylint/rules/support/probes.hpp>
#include <policylint/rules/support/statement_key.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace policylint::rules::cross_policy {
namespace {

namespace privesc = ::policylint::privesc;

// The methods searched over a principal's documents together (privesc::splittable): the
// others are PL401's and PL410's.
const std::vector<privesc::Method>& splittable_methods() {
  static const std::vector<privesc::Method> k_methods = privesc::splittable(privesc::methods());
  return k_methods;
}

// Per-run memo of what each set of identity documents allows. In a real account many
// principals share the documents that matter exactly (the users of one group, roles made
// from one template) and differ in ones that grant no step of any method (privesc::may_matter),
// and the detector's answer depends on the documents' content alone, so each distinct set of
// the documents that matter is searched once: without this a snapshot pays the whole search
// once per principal. Documents are told apart by content (support::policy_content_key), not
// by place: a snapshot repeats one inline policy under many users, and each copy is a
// document of its own. Answers found on one copy name its statements; granting_document
// translates them to the node's own copy.
class EscalationMemo {
public:
  explicit EscalationMemo(const account::Graph& graph) : m_graph(graph) {}

  // Searches every distinct set of the nodes' documents that matter, `jobs` sets at once
  // (each search has its own engine; the graph is only read).
  void prepare(std::span<const account::Node> nodes, unsigned jobs) {
    std::vector<const std::vector<std::size_t>*> fresh;
    for (const account::Node& node : nodes) {
      if (node.identity.size() < 2) {
        continue;
      }
      for (const std::size_t doc : node.identity) {
        represent(doc);
      }
      auto [it, inserted] = m_sets.try_emplace(key_of(node));
      // A document that allows every action by itself completes every method alone, and
      // methods one document completes are PL401's: the set has nothing to report. Without
      // this, users who each hold their own inline policy beside AdministratorAccess made a
      // distinct set each, searched in full (5,000 such users: 8 s and 520 MB).
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
      return privesc::Detector(policies).find_all(splittable_methods());
    });
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      m_sets.at(*fresh[i]) = std::move(found[i]);
    }
  }

  // The escalation methods the node's identity documents allow together (after prepare).
  std::span<const privesc::MethodHit> methods_of(const account::Node& node) { return m_sets.at(key_of(node)); }

  // Together the node's documents allow every action: escalation is moot (PL906 speaks).
  bool allows_everything(const account::Node& node) {
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

  // Does one document allow the whole method by itself? Then PL401/PL410 report it.
  bool one_document_allows(const account::Node& node, const privesc::Method& method) {
    return std::any_of(node.identity.begin(), node.identity.end(),
                       [&](std::size_t doc) { return document_allows(m_representative.at(doc), method); });
  }

  // The node's own document, and its statement, that grants a request found on the
  // representatives' copies (as account::granting_document for the node's own policies).
  std::optional<std::size_t> granting_document(const account::Node& node, const query::Found& found,
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

private:
  // The first document read with this one's content.
  void represent(std::size_t doc) {
    if (m_representative.contains(doc)) {
      return;
    }
    const auto [it, fresh] =
        m_first_with_content.try_emplace(support::policy_content_key(m_graph.document(doc).policy), doc);
    m_representative.emplace(doc, it->second);
  }

  // In the node's order (the first granting document is the one a finding names), each
  // content once: copies of one document decide alike.
  std::vector<std::size_t> representatives(const std::vector<std::size_t>& docs) const {
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

  std::vector<std::size_t> key_of(const account::Node& node) {
    std::vector<std::size_t> key = representatives(node.identity);
    std::erase_if(key, [&](std::size_t doc) { return !matters(doc); });
    return key;
  }

  bool alone_allows_everything(std::size_t doc) {
    auto [it, fresh] = m_alone_everything.try_emplace(doc, false);
    if (fresh) {
      const std::array<const policy::Policy*, 1> one{&m_graph.document(doc).policy};
      it->second = privesc::Detector(one).allows_everything();
    }
    return it->second;
  }

  bool matters(std::size_t doc) {
    auto [it, fresh] = m_matters.try_emplace(doc, false);
    if (fresh) {
      it->second = privesc::may_matter(m_graph.document(doc).policy, privesc::methods());
    }
    return it->second;
  }

  struct OneDocument {
    std::array<const policy::Policy*, 1> policies{};
    std::unique_ptr<privesc::Detector> detector; // its step answers serve every method
  };

  bool document_allows(std::size_t doc, const privesc::Method& method) {
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

  const account::Graph& m_graph;
  std::map<std::string, std::size_t> m_first_with_content;
  std::map<std::size_t, std::size_t> m_representative; // document → the first with its content
  std::map<std::size_t, bool> m_matters;
  std::map<std::size_t, bool> m_alone_everything;
  std::map<std::vector<std::size_t>, std::vector<privesc::MethodHit>> m_sets;
  std::map<std::vector<std::size_t>, bool> m_everything;
  std::map<std::size_t, OneDocument> m_documents; // node-based: the detectors' spans stay valid
  std::map<std::pair<std::size_t, const privesc::Method*>, bool> m_answers;
};

// One method a principal completes across its policies, before grouping.
struct NodeMethod {
  const privesc::MethodHit* hit = nullptr;
  const policy::Statement* first = nullptr; // grants the first request
  std::string file;
  SourceRange at;
  std::string names; // the policies involved, "PassRoles, Functions"
  std::vector<std::string> path;
};

// As PL401: the methods whose first request the same token grants, through the same policies,
// are one finding naming them all, with the shortest sequence as the example.
void report_grouped(const account::Graph& graph, const account::Node& node, const std::vector<NodeMethod>& found,
                    engine::AccountRuleContext& ctx) {
  std::vector<std::vector<const NodeMethod*>> groups;
  for (const NodeMethod& m : found) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.front()->file == m.file && g.front()->at == m.at && g.front()->names == m.names;
    });
    if (same == groups.end()) {
      groups.push_back({&m});
    } else {
      same->push_back(&m);
    }
  }
  for (const auto& group : groups) {
    const NodeMethod& shown = **std::min_element(group.begin(), group.end(), [](const NodeMethod* a, const NodeMethod* b) {
      return a->path.size() < b->path.size();
    });
    const privesc::MethodHit& hit = *shown.hit;
    const std::string sequence =
        fmt::format("{}{}", fmt::join(std::vector<std::string>(shown.path.begin() + 1, shown.path.end()), " → "),
                    hit.named() ? " (to the permissions of the resources named)" : "");
    engine::Diagnostic* d = nullptr;
    if (group.size() == 1) {
      d = &ctx.report(shown.file, shown.at, "{} can escalate by method {} ({}), granted across its policies {}: {}",
                      graph.display_name(node), hit.method->id, hit.method->family, shown.names, sequence);
    } else {
      std::vector<std::string> ids;
      for (const NodeMethod* m : group) {
        ids.push_back(m->hit->method->id);
      }
      d = &ctx.report(shown.file, shown.at,
                      "{} can escalate by {} methods ({}), granted across its policies {}; for example {} ({}): {}",
                      graph.display_name(node), group.size(), fmt::join(ids, ", "), shown.names, hit.method->id,
                      hit.method->family, sequence);
    }
    d->statement = shown.first->label();
    d->counterexample = support::counterexample(hit.steps.front().found, {}, hit.method->family);
    d->counterexample->path = shown.path;
  }
}

} // namespace

void check_principal_can_escalate(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  EscalationMemo memo(graph);
  memo.prepare(graph.nodes(), ctx.options().jobs);
  for (const account::Node& node : graph.nodes()) {
    if (node.identity.size() < 2) {
      continue; // one document: PL401 and PL410 already see it whole
    }
    // Methods share requests (iam:PassRole of the same role to several services' compute):
    // each distinct one is confirmed through the graph once per node.
    std::map<std::pair<std::string, std::string>, bool> confirmed;
    const auto allowed_through_graph = [&](const privesc::StepRequest& s) {
      auto [it, fresh] = confirmed.try_emplace({s.found.request.action, s.found.request.resource}, false);
      if (fresh) {
        it->second = graph.allows(node, s.found.request.action, s.found.request.resource, {}, false).has_value();
      }
      return it->second;
    };
    std::vector<NodeMethod> found;
    std::optional<bool> everything; // asked only of a node with a split method: most have none
    for (const auto& hit : memo.methods_of(node)) {
      if (memo.one_document_allows(node, *hit.method)) {
        continue;
      }
      if (!everything) {
        everything = memo.allows_everything(node); // over every document, not only those that matter
      }
      if (*everything) {
        break;
      }
      // The boundary (and the node's own identity keys) must let every request through.
      const bool through = std::all_of(hit.steps.begin(), hit.steps.end(), allowed_through_graph);
      if (!through) {
        continue;
      }
      std::vector<std::string> names;
      std::vector<std::string> path{graph.display_name(node)};
      for (const auto& s : hit.steps) {
        path.push_back(support::describe_step(s));
        const policy::Statement* st = nullptr;
        if (const auto doc = memo.granting_document(node, s.found, &st)) {
          const std::string& name = graph.document(*doc).name;
          if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
          }
        }
      }
      const policy::Statement* first = nullptr;
      const auto doc = memo.granting_document(node, hit.steps.front().found, &first);
      if (!doc) {
        continue;
      }
      found.push_back({&hit, first, file_of(graph, *doc, node),
                       range_in(graph, *doc, node, action_range(*first, hit.steps.front().found.request.action)),
                       fmt::format("{}", fmt::join(names, ", ")), std::move(path)});
    }
    report_grouped(graph, node, found, ctx);
  }
}

} // namespace policylint::rules::cross_policy
