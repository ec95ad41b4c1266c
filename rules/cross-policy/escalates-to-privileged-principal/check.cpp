// PL909: PL410 with the account in view. A method whose target is a principal the policies
// name (the role passed to new compute, the user whose access key is created, the role whose
// trust policy is rewritten) hands the caller that principal's permissions; a single document
// cannot tell whether they are more than the caller's, so PL410 warns. With the account known,
// a target that is itself privileged makes it an escalation to administrator: an error, one
// finding per caller and privileged principal, with the request sequence that proves it.
#include <policylint/account/privilege.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/eval/glob.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/rules/cross_policy/common.hpp>
#include <policylint/rules/cross_policy/method_reach.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::rules::cross_policy {
namespace {

namespace privesc = ::policylint::privesc;

// The methods that hand over the permissions of the principal a target step names: a role
// passed to compute, another user's credentials, a role whose trust policy is rewritten.
// Policy manipulation on another principal gains the caller nothing by itself, and role
// assumption is PL901's (the graph's own edges).
bool hands_over_target(const privesc::Method& m) {
  return m.family == "passrole-new-compute" || m.family == "credentials" || m.family == "trust-manipulation";
}

// The method's step whose resource is a principal, if any.
const privesc::Step* principal_target(const privesc::Method& m) {
  for (const privesc::Step& s : m.steps) {
    if (s.target && !s.named_is_delegation &&
        (s.resource.find(":role/") != std::string::npos || s.resource.find(":user/") != std::string::npos)) {
      return &s;
    }
  }
  return nullptr;
}

const std::vector<privesc::Method>& principal_methods() {
  static const std::vector<privesc::Method> k_methods = [] {
    std::vector<privesc::Method> out;
    for (const privesc::Method& m : privesc::methods()) {
      if (hands_over_target(m) && principal_target(m) != nullptr) {
        out.push_back(m);
      }
    }
    return out;
  }();
  return k_methods;
}

// The actions of the principal targets ("iam:PassRole", "iam:CreateAccessKey", ...).
const std::vector<std::string>& target_actions() {
  static const std::vector<std::string> k_actions = [] {
    std::vector<std::string> out;
    for (const privesc::Method& m : principal_methods()) {
      const std::string& a = principal_target(m)->action;
      if (std::find(out.begin(), out.end(), a) == out.end()) {
        out.push_back(a);
      }
    }
    return out;
  }();
  return k_actions;
}

// The Resource values with which a document's Allow statements grant a target action, less
// those that also match a principal nobody names: only these can name a target (a method
// granted on any principal is PL401's). A cheap filter before the engine, which decides.
std::vector<std::string> named_target_values(const policy::Policy& policy) {
  static const std::array<std::string, 2> k_unnamed{"arn:aws:iam::111122223333:role/policylint-unnamed",
                                                    "arn:aws:iam::111122223333:user/policylint-unnamed"};
  std::vector<std::string> out;
  for (const auto& st : policy.statements) {
    if (st.effect != policy::Effect::allow || st.resource.negated ||
        std::none_of(target_actions().begin(), target_actions().end(),
                     [&](const std::string& a) { return eval::action_element_covers(st.action, a); })) {
      continue;
    }
    for (const auto& r : st.resource.values) {
      // A '*' in the name ("role/service-role/*", "role/RUM-Monitor*") also matches names
      // nobody writes ("role/RUM-Monitor-policylint-unnamed"): not a named target.
      const std::string_view name = std::string_view(r.value).substr(r.value.rfind(':') + 1);
      if (name.find('*') == std::string_view::npos && std::none_of(k_unnamed.begin(), k_unnamed.end(),
                       [&](const std::string& u) { return eval::resource_matches(r.value, u); })) {
        out.push_back(r.value);
      }
    }
  }
  return out;
}

// What one set of identity documents allows towards principals it names: the methods whose
// principal target it grants only on resources it names (granted on any resource, they are
// PL401's errors already). The detector stays for the questions about each privileged target.
struct SetAnswers {
  std::unique_ptr<privesc::Detector> detector;
  std::vector<privesc::MethodHit> named_hits;
  std::map<std::pair<const privesc::Method*, std::size_t>, std::optional<query::Found>> on_target;
};

} // namespace

void check_escalates_to_privileged_principal(const account::Graph& graph, engine::AccountRuleContext& ctx) {
  const auto& nodes = graph.nodes();
  // Whether a principal is privileged, asked only of the principals some document names.
  std::vector<std::optional<std::optional<account::Grant>>> privileged_memo(nodes.size());
  const auto privileged = [&](std::size_t i) -> const std::optional<account::Grant>& {
    if (!privileged_memo[i]) {
      const bool role = graph.principal_of(nodes[i]).kind == account::PrincipalKind::role;
      privileged_memo[i] = account::privileged_grant(graph, nodes[i], {}, role);
    }
    return *privileged_memo[i];
  };
  std::map<std::size_t, std::vector<std::string>> named_values; // by document
  const auto values_of = [&](std::size_t doc) -> const std::vector<std::string>& {
    auto [it, fresh] = named_values.try_emplace(doc);
    if (fresh) {
      it->second = named_target_values(graph.document(doc).policy);
    }
    return it->second;
  };
  std::unordered_map<std::string_view, std::size_t> by_arn; // built on first use
  std::map<std::string, std::vector<std::size_t>> matching;  // by Resource value
  const auto principals_matching = [&](const std::string& value) -> const std::vector<std::size_t>& {
    auto [it, fresh] = matching.try_emplace(value);
    if (fresh) {
      if (!eval::has_wildcard(value)) {
        if (by_arn.empty()) {
          for (std::size_t i = 0; i < nodes.size(); ++i) {
            by_arn.try_emplace(graph.principal_of(nodes[i]).arn, i);
          }
        }
        if (const auto found = by_arn.find(value); found != by_arn.end() && !value.empty()) {
          it->second.push_back(found->second);
        }
      } else {
        // A principal's ARN has no colon after its account: the literal start of the value's
        // last segment ("role/RUM-Monitor" of "arn:aws:iam::*:role/RUM-Monitor*") must begin the
        // ARN's last segment, a cheap test before the whole match.
        const std::string_view last = std::string_view(value).substr(value.rfind(':') + 1);
        const std::string_view literal = last.substr(0, last.find_first_of("*?"));
        for (std::size_t i = 0; i < nodes.size(); ++i) {
          const std::string& arn = graph.principal_of(nodes[i]).arn;
          if (!arn.empty() && std::string_view(arn).substr(arn.rfind(':') + 1).starts_with(literal) &&
              eval::resource_matches(value, arn)) {
            it->second.push_back(i);
          }
        }
      }
    }
    return it->second;
  };
  // The trust answer per role and service, shared by every caller.
  std::map<std::pair<std::size_t, std::string>, bool> trusts;
  const auto trusted_by = [&](std::size_t target, const std::string& service) {
    auto [it, fresh] = trusts.try_emplace({target, service}, false);
    if (fresh) {
      it->second = account::service_may_assume(graph, graph.principal_of(nodes[target]), service);
    }
    return it->second;
  };
  // Many principals share their documents exactly (the users of one group): one answer per set.
  std::map<std::vector<std::size_t>, SetAnswers> sets;

  for (std::size_t from = 0; from < nodes.size(); ++from) {
    const account::Node& node = nodes[from];
    // The privileged principals some document of the node could name as a target: a literal
    // ARN is looked up, a pattern ("role/Admin*") matched against every principal once.
    std::vector<std::size_t> targets;
    for (const std::size_t doc : node.identity) {
      for (const std::string& value : values_of(doc)) {
        for (const std::size_t to : principals_matching(value)) {
          if (to != from && privileged(to) && std::find(targets.begin(), targets.end(), to) == targets.end()) {
            targets.push_back(to);
          }
        }
      }
    }
    std::sort(targets.begin(), targets.end()); // node order, whatever the documents' order
    if (targets.empty()) {
      continue;
    }
    auto [set_it, fresh_set] = sets.try_emplace(node.identity);
    SetAnswers& set = set_it->second;
    if (fresh_set) {
      set.detector = std::make_unique<privesc::Detector>(node.identity_policies);
      // An administrator already (PL101, PL906): escalation adds nothing. A caller that holds
      // some privileged action (iam:PassRole itself) is no administrator and still gains.
      auto hits = set.detector->allows_everything() ? std::vector<privesc::MethodHit>{}
                                                          : set.detector->find_all(principal_methods());
      for (auto& hit : hits) {
        const privesc::Step* target = principal_target(*hit.method);
        const bool named = std::any_of(hit.steps.begin(), hit.steps.end(), [&](const privesc::StepRequest& s) {
          return s.step == target && s.named;
        });
        if (named) {
          set.named_hits.push_back(std::move(hit));
        }
      }
      if (set.named_hits.empty()) {
        set.detector.reset(); // nothing more to ask
      }
    }
    if (set.named_hits.empty()) {
      continue;
    }
    const bool caller_role = graph.principal_of(node).kind == account::PrincipalKind::role;
    std::map<std::size_t, MethodReach> reached; // by privileged node, in node order
    for (const auto& hit : set.named_hits) {
      const privesc::Step& target_step = *principal_target(*hit.method);
      if (!other_requests_allowed(graph, node, hit, target_step)) {
        continue; // the other requests must get through the caller's boundary too
      }
      const bool wants_role = target_step.resource.find(":role/") != std::string::npos;
      for (const std::size_t to : targets) {
        const account::Principal& target = graph.principal_of(nodes[to]);
        if ((target.kind == account::PrincipalKind::role) != wants_role) {
          continue;
        }
        auto [answer, fresh] = set.on_target.try_emplace({hit.method, to});
        if (fresh) {
          answer->second = set.detector->allows_step_on(target_step, target.arn);
        }
        const auto& found = answer->second;
        if (!found || !graph.allows(node, found->request.action, found->request.resource, {}, caller_role)) {
          continue;
        }
        if (const std::string service = privesc::passed_to_service(target_step); !service.empty() && !trusted_by(to, service)) {
          continue;
        }
        const policy::Statement* statement = nullptr;
        const auto doc = granting_document(graph, node, *found, &statement);
        if (!doc) {
          continue;
        }
        reached[to].add(graph, node, hit, target_step, *found, *doc, statement, graph.display_name(nodes[to]));
      }
    }
    for (const auto& [to, reach] : reached) {
      const privesc::Method& first = *reach.methods.front();
      const bool role = graph.principal_of(nodes[to]).kind == account::PrincipalKind::role;
      reach.report(graph, node, ctx,
                   fmt::format("{} can gain the permissions of {}, a privileged {} ({}), by method {} ({}){}: {}",
                               graph.display_name(node), graph.display_name(nodes[to]), role ? "role" : "user",
                               account::describe_grant(graph, *privileged(to)), first.id, first.family,
                               reach.also_by(), reach.sequence()));
    }
  }
}

} // namespace policylint::rules::cross_policy
