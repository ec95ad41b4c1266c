#include <policylint/engine/document_pass.hpp>

#include <policylint/core/parallel.hpp>

#include <policylint/engine/fixer.hpp>
#include <policylint/engine/json_pointer.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/engine/repeated_documents.hpp>
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/required_resource_policy.hpp>
#include <policylint/managed/managed_policies.hpp>
#include <policylint/policy/builder.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <optional>

namespace policylint::engine {

namespace {

// Below this many documents a file is linted on its own thread: starting threads would cost
// more than they save.
constexpr std::size_t k_documents_worth_threads = 64;

bool suppressed(const RuleInfo& rule, const std::vector<std::string>& ignore) {
  return std::any_of(ignore.begin(), ignore.end(),
                     [&](const std::string& s) { return s == rule.code || s == rule.name; });
}


void add(const LintOptions& options, std::vector<Diagnostic>& out, std::string_view rule_name, SourceRange range,
         std::string message, const std::vector<std::string>& ignore) {
  const RuleInfo& rule = rule_or_die(rule_name);
  if (!options.selection.enabled(rule) || suppressed(rule, ignore)) {
    return;
  }
  Diagnostic& d = out.emplace_back();
  d.rule = &rule;
  d.range = range;
  d.message = std::move(message);
}

void run_rules(const PolicyUnit& unit, const LintOptions& options, const std::vector<std::string>& ignore,
               std::vector<Diagnostic>& found) {
  // An SCP, an RCP, a permissions boundary or a session policy grants nothing: the validity
  // rules judge it, and the network rules judge its address guard (an SCP's source-IP Deny
  // breaks service calls as an identity policy's does); what it allows or denies is otherwise
  // judged where it takes part (docs/policy-types.md). A boundary that allows "*" is the usual
  // design, not an administrator.
  const bool guardrail = unit.policy.grants_nothing();
  for (const RuleInfo& rule : all_rules()) {
    if (guardrail && rule.category != "validity" && rule.category != "network") {
      continue;
    }
    if (rule.check != nullptr && options.selection.enabled(rule) && !suppressed(rule, ignore)) {
      RuleContext ctx(rule, found);
      rule.check(unit, ctx);
    }
  }
  for (const RuntimeRule& rule : options.runtime_rules) { // custom checks (--rules)
    if (!guardrail && rule.check && options.selection.enabled(rule.info) && !suppressed(rule.info, ignore)) {
      RuleContext ctx(rule.info, found);
      rule.check(unit, ctx);
    }
  }
}

// A finding on an identity policy about a KMS key or a role answers for the identity policy
// alone; AWS also requires the key or trust policy to allow the request. Its counterexample says
// so, and what was assumed (docs/evaluator.md, "Resource policies that must grant").
void state_resource_policy_assumptions(std::vector<Diagnostic>& found) {
  for (Diagnostic& d : found) {
    if (!d.counterexample || d.counterexample->decision != eval::Decision::allowed) {
      continue;
    }
    if (const auto assumption = eval::resource_policy_assumption(d.counterexample->request.action)) {
      std::string& note = d.counterexample->note;
      note += note.empty() ? *assumption : "; " + *assumption;
    }
  }
}

} // namespace

void lint_extraction(const SourceFile& file, const LintOptions& options, frontend::Extraction& extraction,
                     std::vector<Diagnostic>& out) {
  const catalog::Catalog* catalog = options.catalog != nullptr ? options.catalog : &catalog::embedded_catalog();
  for (auto& note : extraction.notes) {
    add(options, out, note.rule, note.range, std::move(note.message), note.suppressed);
  }
  const auto build_options_for = [&](const frontend::Document& doc) {
    policy::BuildOptions build_options;
    build_options.forced_kind = options.forced_kind ? options.forced_kind : doc.kind;
    // The user's --policy-type wins over the context; its kind follows unless --kind is given.
    build_options.type = options.policy_type ? options.policy_type : doc.type;
    if (options.policy_type) {
      build_options.forced_kind = options.forced_kind ? options.forced_kind : policy::kind_of(*options.policy_type);
    } else {
      build_options.resource_service = doc.resource_service;
    }
    build_options.max_statements = options.limits.max_statements;
    return build_options;
  };
  // The input's own SCPs and RCPs (a template's AWS::Organizations::Policy) bind its other
  // documents as --scp/--rcp would: built first, they join the organisation the rules see.
  std::vector<policy::Policy> own_guardrails;
  for (const auto& doc : extraction.documents) {
    if (!options.policy_type && (doc.type == policy::PolicyType::scp || doc.type == policy::PolicyType::rcp)) {
      own_guardrails.push_back(policy::build_policy(*doc.tree, build_options_for(doc)).policy);
    }
  }
  Organisation with_own{};
  const Organisation* organisation = options.organisation;
  if (!own_guardrails.empty()) {
    with_own = options.organisation != nullptr ? *options.organisation : Organisation{};
    for (const auto& p : own_guardrails) {
      with_own.guardrails.push_back(&p);
    }
    organisation = &with_own;
  }
  // Documents a declared principal holds, found once (not once per document and principal).
  std::vector<bool> attached(extraction.account.documents.size(), false);
  for (const account::Principal& p : extraction.account.principals) {
    for (std::size_t doc : p.policies) {
      if (doc < attached.size()) {
        attached[doc] = true;
      }
    }
  }
  struct Linted {
    std::optional<policy::Policy> for_account; // the built policy, for the account's copy
    std::vector<Diagnostic> found;
    std::vector<Diagnostic> by_rules; // the rules' findings alone, kept for the documents alike
  };
  // A snapshot or a large template holds thousands of documents, each linted on its own (the
  // rules read only the document, the file and the options): they share the cores, and are
  // joined in document order. Files of a few documents stay on their thread, as most are.
  const std::size_t count = extraction.documents.size();
  const unsigned threads = count >= k_documents_worth_threads ? options.document_jobs : 1;
  // Whether a declared principal holds each document (PolicyUnit), by document.
  std::vector<bool> held(count, false);
  for (std::size_t i = 0; i < count; ++i) {
    const auto& doc = extraction.documents[i];
    held[i] = doc.account_document && *doc.account_document < attached.size() && attached[*doc.account_document];
  }
  // Documents alike an earlier one take its rules' findings, moved (repeated_documents.hpp).
  const auto alike = earlier_alike(file, extraction, held, threads);
  std::vector<bool> has_copies(count, false);
  for (const auto& first : alike) {
    if (first) {
      has_copies[*first] = true;
    }
  }
  std::vector<Linted> linted;
  const auto lint_document = [&](std::size_t i) {
    const frontend::Document& doc = extraction.documents[i];
    Linted result;
    auto built = policy::build_policy(*doc.tree, build_options_for(doc));
    if (!doc.lint) {
      if (doc.account_document) {
        result.for_account = std::move(built.policy);
      }
      return result;
    }
    std::vector<Diagnostic>& found = result.found;
    for (auto& issue : built.issues) {
      add(options, found, issue.rule, issue.range, std::move(issue.message), doc.suppressed);
    }
    PolicyUnit unit{&file, std::move(built.policy), catalog, organisation};
    unit.attached_to_declared_principal = held[i];
    std::optional<std::vector<Diagnostic>> by_rules;
    if (alike[i]) {
      const frontend::Document& first = extraction.documents[*alike[i]];
      by_rules = moved_findings(linted[*alike[i]].by_rules, first.tree->range, doc.tree->range);
    }
    if (!by_rules) {
      by_rules.emplace();
      run_rules(unit, options, doc.suppressed, *by_rules);
      if (unit.policy.kind == policy::PolicyKind::identity) {
        state_resource_policy_assumptions(*by_rules);
      }
      if (has_copies[i]) {
        result.by_rules = *by_rules;
      }
    }
    found.insert(found.end(), std::make_move_iterator(by_rules->begin()), std::make_move_iterator(by_rules->end()));
    // Pointers name the finding's place in the file: the document's own place (the
    // template's PolicyDocument, the plan's JSON string) followed by the place inside it,
    // so that suppressions and baselines tell two documents of one file apart.
    annotate_pointers(*doc.tree, found);
    const json::Value* file_root = extraction.file_root;
    if ((file_root != nullptr && file_root != doc.tree) || (file_root == nullptr && !doc.origin.empty())) {
      // Without a JSON root (Terraform HCL), the document's origin names its place.
      const std::string prefix = file_root != nullptr ? pointer_to_range(*file_root, doc.tree->range)
                                                      : "/" + escape_pointer_token(doc.origin);
      for (Diagnostic& d : found) {
        d.pointer = prefix + d.pointer;
      }
    }
    if (doc.editable) {
      attach_fixes(unit, *doc.tree, found);
    }
    // The account's copy is the unit's policy itself, moved once the rules are done with it: a
    // snapshot's documents are not copied.
    if (doc.account_document) {
      result.for_account = std::move(unit.policy);
    }
    return result;
  };
  // First every document unlike those before it, then the others from their findings.
  std::vector<std::size_t> firsts;
  std::vector<std::size_t> copies;
  for (std::size_t i = 0; i < count; ++i) {
    (alike[i] ? copies : firsts).push_back(i);
  }
  linted.resize(count);
  for (const auto* pass : {&firsts, &copies}) {
    auto done = core::parallel_map(pass->size(), threads, [&](std::size_t k) { return lint_document((*pass)[k]); });
    for (std::size_t k = 0; k < pass->size(); ++k) {
      linted[(*pass)[k]] = std::move(done[k]);
    }
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (linted[i].for_account) {
      extraction.account.documents[*extraction.documents[i].account_document].policy =
          std::move(*linted[i].for_account);
    }
    out.insert(out.end(), std::make_move_iterator(linted[i].found.begin()),
               std::make_move_iterator(linted[i].found.end()));
  }
  // ManagedPolicyArns, attachments and boundaries that name AWS managed policies.
  managed::resolve_aws_managed(extraction.account);
}

} // namespace policylint::engine
