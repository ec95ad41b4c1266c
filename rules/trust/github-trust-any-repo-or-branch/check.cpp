// PL309: a GitHub Actions trust whose sub pattern keeps the organisation but lets any of its
// repositories, or any branch, environment or pull request of one repository, assume the role
// (Access Analyzer's SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED). A missing sub, or a
// wildcard across organisations, admits outsiders: that is PL304's, not reported here.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <string>
#include <string_view>

namespace policylint::rules::trust {

namespace {

constexpr std::string_view k_issuer = "token.actions.githubusercontent.com";

bool trusts_github(const policy::Statement& st) {
  for (const auto& p : st.principal.values) {
    if (p.type == "Federated" && p.value.value.find(k_issuer) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// "token.actions.githubusercontent.com:sub", and an enterprise's "token.actions.githubusercontent.com/ORG:sub".
bool sub_key(std::string_view key) {
  const std::string lowered = eval::ascii_lowered(key);
  return lowered.starts_with(k_issuer) && lowered.ends_with(":sub");
}

// What a "repo:OWNER/REPO:CONTEXT" pattern leaves open inside its owner; empty when it pins
// both or its wildcard reaches past the owner (PL304's).
std::string open_part(std::string_view pattern) {
  constexpr std::string_view k_repo = "repo:";
  if (!pattern.starts_with(k_repo)) {
    return {};
  }
  const std::string_view rest = pattern.substr(k_repo.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || rest.substr(0, slash).find_first_of("*?") != std::string_view::npos) {
    return {};
  }
  const std::string_view after_owner = rest.substr(slash + 1);
  const auto colon = after_owner.find(':');
  const std::string_view repo = after_owner.substr(0, colon);
  if (repo.find_first_of("*?") != std::string_view::npos) {
    return "any repository of " + std::string(rest.substr(0, slash));
  }
  if (colon == std::string_view::npos || after_owner.substr(colon).find_first_of("*?") != std::string_view::npos) {
    return "any branch, tag, environment or pull request of " + std::string(rest.substr(0, slash)) + "/" +
           std::string(repo);
  }
  return {};
}

} // namespace

void check_github_trust_any_repo_or_branch(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.kind != policy::PolicyKind::trust) {
    return;
  }
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow || st.principal.negated || !trusts_github(st)) {
      continue;
    }
    for (const auto& c : st.conditions) {
      // Only a pattern matches more than it says; StringEquals takes "*" literally.
      if (!c.op || c.op->op != policy::Op::string_like || !sub_key(c.key.value)) {
        continue;
      }
      for (const auto& v : c.values) {
        const std::string open = open_part(v.text);
        if (open.empty()) {
          continue;
        }
        auto& d = ctx.report(v.range,
                             "statement {} lets {} assume the role through \"{}\": a workflow anyone with write "
                             "access there adds, on any branch, gets its credentials; pin the repository and the "
                             "branch or environment (repo:OWNER/REPO:ref:refs/heads/main, "
                             "repo:OWNER/REPO:environment:production)",
                             st.label(), open, v.text);
        d.statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::trust
