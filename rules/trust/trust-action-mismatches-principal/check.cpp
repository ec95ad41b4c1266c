// PL305: a role trust statement whose actions include none that a principal's kind can use
// (Access Analyzer's MISMATCHED_ACTION_FOR_PRINCIPAL): a SAML provider assumes with
// sts:AssumeRoleWithSAML, an OIDC provider or web identity domain with
// sts:AssumeRoleWithWebIdentity, an AWS or service principal with sts:AssumeRole. Principals
// all of one kind: reported on each assume action written; principals of several kinds: on
// each principal that no action of the statement lets in.
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/generated/rule_declarations.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace policylint::rules::trust {

namespace {

constexpr std::string_view k_assume = "sts:AssumeRole";
constexpr std::string_view k_saml = "sts:AssumeRoleWithSAML";
constexpr std::string_view k_web = "sts:AssumeRoleWithWebIdentity";

// The assume action a principal uses; nullopt for "*" and CanonicalUser, which fit no one kind.
std::optional<std::string_view> assume_action_of(const policy::PrincipalValue& p) {
  if (p.type == "Federated") {
    return p.value.value.find(":saml-provider/") != std::string::npos ? k_saml : k_web;
  }
  if ((p.type == "AWS" && p.value.value != "*") || p.type == "Service") {
    return k_assume;
  }
  return std::nullopt;
}

// The one assume action every principal of the statement uses, if they agree.
std::optional<std::string_view> statement_assume_action(const policy::PrincipalList& principals) {
  std::optional<std::string_view> kind;
  for (const auto& p : principals.values) {
    const auto mine = assume_action_of(p);
    if (!mine || (kind && *kind != *mine)) {
      return std::nullopt;
    }
    kind = mine;
  }
  return kind;
}

// A literal assume action (not a companion such as sts:TagSession, not a wildcard).
std::optional<std::string_view> literal_assume_action(std::string_view action) {
  for (const std::string_view a : std::array{k_assume, k_saml, k_web}) {
    if (eval::ascii_iequals(action, a)) {
      return a;
    }
  }
  return std::nullopt;
}

std::string_view principal_words(std::string_view needed) {
  if (needed == k_saml) {
    return "a SAML provider";
  }
  return needed == k_web ? "an OIDC provider or web identity domain" : "an AWS or service principal";
}

// Principals of several kinds: one that no action of the statement fits never gets in. Only
// where the statement writes some assume action (a list of companions alone says nothing).
void report_mixed(const policy::Statement& st, engine::RuleContext& ctx) {
  const bool assumes = std::any_of(st.action.values.begin(), st.action.values.end(),
                                   [](const policy::Text& a) { return literal_assume_action(a.value).has_value(); });
  if (!assumes) {
    return;
  }
  for (const auto& p : st.principal.values) {
    const auto needed = assume_action_of(p);
    if (!needed || eval::action_element_covers(st.action, *needed)) {
      continue;
    }
    auto& d = ctx.report(p.value.range,
                         "statement {} names \"{}\", {}, which assumes a role with {} only; the statement does not "
                         "allow it, so this principal never gets in: add \"{}\" or give it a statement of its own",
                         st.label(), p.value.value, principal_words(*needed), *needed, *needed);
    d.statement = st.label();
  }
}

} // namespace

void check_trust_action_mismatches_principal(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.policy.kind != policy::PolicyKind::trust) {
    return;
  }
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || !st.principal.present || st.principal.negated || st.action.negated) {
      continue;
    }
    const auto needed = statement_assume_action(st.principal);
    if (!needed) {
      report_mixed(st, ctx);
      continue;
    }
    if (eval::action_element_covers(st.action, *needed)) {
      continue;
    }
    for (const auto& a : st.action.values) {
      const auto written = literal_assume_action(a.value);
      if (!written) {
        continue; // companions (sts:TagSession, sts:SetSourceIdentity, sts:SetContext) fit any principal
      }
      auto& d = ctx.report(a.range,
                           "statement {} names {} only, which assumes a role with {}, never with \"{}\", so this "
                           "trust never lets it in; write \"{}\"",
                           st.label(), principal_words(*needed), *needed, a.value, *needed);
      d.statement = st.label();
    }
  }
}

} // namespace policylint::rules::trust
