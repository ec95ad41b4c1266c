#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/eval/required_resource_policy.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/lint/policy_documents.hpp>
#include <policylint/output/counterexample_json.hpp>
#include <policylint/output/json_text.hpp>
#include <policylint/output/report.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/resource_types.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace policylint::cli {

namespace {

struct LoadedPolicy {
  const SourceFile* file; // owned by the run's lint::PolicyDocuments
  policy::Policy policy;
};

void print_error_at(const SourceFile& file, const Error& e) {
  const Position p = file.position(e.range ? e.range->begin : 0);
  fmt::print(stderr, "policylint: error: {}:{}:{}: {}\n", file.path(), p.line, p.column, e.message);
}

// Reads the request from a JSON file: {"action", "resource", "principal", "context": {key: value | [values]}}.
Result<void> read_request_file(const std::string& path, eval::Request& request) {
  POLICYLINT_TRY_ASSIGN(SourceFile file, read_source_file(path, path, 1U << 20U));
  auto tree = json::parse(file);
  if (!tree) {
    print_error_at(file, tree.error());
    return fail(Error(ErrorCode::usage, path + ": not a valid request file"));
  }
  if (!tree->is_object()) {
    return fail(Error(ErrorCode::usage, path + ": a request file holds a JSON object"));
  }
  for (const auto& m : tree->members) {
    if ((m.key == "action" || m.key == "resource" || m.key == "principal") && m.value.is_string()) {
      (m.key == "action" ? request.action : m.key == "resource" ? request.resource : request.principal) = m.value.text;
    } else if (m.key == "context" && m.value.is_object()) {
      for (const auto& kv : m.value.members) {
        std::vector<std::string> values;
        if (kv.value.is_array()) {
          for (const auto& item : kv.value.items) {
            values.push_back(item.text);
          }
        } else {
          values.push_back(kv.value.text);
        }
        request.set_context(kv.key, std::move(values));
      }
    } else {
      const Position p = file.position(m.key_range.begin);
      return fail(Error(ErrorCode::usage, fmt::format("{}:{}:{}: unexpected \"{}\" (expected action, resource, "
                                                      "principal or context)", path, p.line, p.column, m.key)));
    }
  }
  return {};
}

} // namespace

int run_simulate(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Evaluate one request against policies, as AWS would", program + " simulate");
  std::vector<std::string> policies;
  std::string action;
  std::string resource;
  std::string principal;
  std::vector<std::string> contexts;
  std::string request_file;
  std::string format = "text";
  std::string kind;
  std::string resource_policy;
  app.add_option("policies", policies, "Policy files evaluated together")->required();
  app.add_option("--resource-policy", resource_policy,
                 "The resource's own policy (a KMS key policy, a role's trust policy), which must grant those actions");
  std::vector<std::string> scps;
  std::vector<std::string> rcps;
  app.add_option("--scp", scps, "A service control policy of the caller's account (repeatable): it must allow, and its Denies deny")
      ->allow_extra_args(false);
  app.add_option("--rcp", rcps, "A resource control policy of the resource's account (repeatable): its Denies deny")
      ->allow_extra_args(false);
  app.add_option("-a,--action", action, "The action, e.g. s3:GetObject");
  app.add_option("-r,--resource", resource, "The resource ARN (default *)");
  app.add_option("-p,--principal", principal, "The calling principal's ARN (for trust and resource policies)");
  app.add_option("-c,--context", contexts, "KEY=VALUE; repeat a key for several values")
      ->allow_extra_args(false); // one KEY=VALUE per occurrence: the policies follow
  app.add_option("--request", request_file, "Read the request from a JSON file");
  app.add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  add_kind_option(app, kind, "Treat every policy as this kind");
  std::string format_of_inputs = "auto";
  add_input_format_option(app, format_of_inputs);
  std::vector<std::string> documents;
  app.add_option("--document", documents,
                 "In a template, plan or snapshot: evaluate this document (its place, as findings name it)")
      ->allow_extra_args(false);
  if (const auto exit_code = parse_arguments(app, std::move(args))) {
    return *exit_code;
  }

  eval::Request request;
  if (!request_file.empty()) {
    if (auto ok = read_request_file(request_file, request); !ok) {
      fmt::print(stderr, "policylint: error: {}\n", ok.error().message);
      return to_int(ExitCode::error);
    }
  }
  if (!action.empty()) {
    request.action = action;
  }
  if (!resource.empty()) {
    request.resource = resource;
  }
  if (!principal.empty()) {
    request.principal = principal;
  }
  // Keys given with --context replace what --request said about them.
  for (const std::string& kv : contexts) {
    if (const auto eq = kv.find('='); eq != std::string::npos && eq != 0) {
      request.remove_context(kv.substr(0, eq));
    }
  }
  for (const std::string& kv : contexts) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      fmt::print(stderr, "policylint: error: --context takes KEY=VALUE, got \"{}\"\n", kv);
      return to_int(ExitCode::error);
    }
    request.add_context(kv.substr(0, eq), kv.substr(eq + 1));
  }
  if (request.action.empty()) {
    fmt::print(stderr, "policylint: error: simulate needs --action (or \"action\" in --request)\n");
    return to_int(ExitCode::error);
  }
  // A request must name a resource of one of its action's types (docs/query.md, "The typed
  // request space"): s3:GetObject on a bucket ARN is no request AWS can make, so it is not
  // decided. "*", the default, stands for a resource no ARN pattern names and is evaluated.
  if (request.resource != "*") {
    if (const auto mismatch = query::resource_type_mismatch(catalog::embedded_catalog(), request.action,
                                                            request.resource)) {
      fmt::print(stderr, "policylint: error: not a request AWS can make: {}\n", output::terminal_safe(*mismatch, false));
      return to_int(ExitCode::error);
    }
  }

  std::vector<LoadedPolicy> loaded;
  std::optional<policy::PolicyKind> forced_kind;
  if (!kind.empty()) {
    forced_kind = policy::parse_kind(kind);
  }
  const auto input_format = frontend::parse_format(format_of_inputs).value_or(frontend::InputFormat::auto_detect);
  std::vector<lint::PolicyDocuments> inputs; // owns the files the policies point into
  std::vector<std::pair<std::string, std::optional<policy::PolicyType>>> paths;
  for (const auto& p : policies) {
    paths.emplace_back(p, std::nullopt);
  }
  for (const auto& p : scps) {
    paths.emplace_back(p, policy::PolicyType::scp); // every document of the file is an SCP
  }
  for (const auto& p : rcps) {
    paths.emplace_back(p, policy::PolicyType::rcp);
  }
  if (!resource_policy.empty()) {
    paths.emplace_back(resource_policy, std::nullopt); // loaded last: loaded.back()
  }
  for (const auto& [path, type] : paths) {
    auto file = read_source_file(path, path, 10U << 20U);
    if (!file) {
      fmt::print(stderr, "policylint: error: {}: {}\n", path, file.error().message);
      return to_int(ExitCode::error);
    }
    // Any input format (frontend::load): a template, plan or snapshot holds several documents,
    // and simulate evaluates one principal's: --document picks them by their place in the input.
    auto read = lint::load_policy_documents(std::make_unique<SourceFile>(std::move(*file)), input_format,
                                            type ? std::nullopt : forced_kind, type);
    if (!read) {
      fmt::print(stderr, "policylint: error: {}\n", read.error().message);
      return to_int(ExitCode::error);
    }
    for (const auto& issue : read->issues) {
      const Position p = read->file->position(issue.range.begin);
      fmt::print(stderr, "policylint: warning: {}:{}:{}: {} [{}]\n", path, p.line, p.column, issue.message, issue.rule);
    }
    std::vector<const lint::PolicyDocument*> chosen;
    for (const auto& d : read->documents) {
      if (read->documents.size() == 1 || type.has_value() ||
          std::find(documents.begin(), documents.end(), d.origin) != documents.end()) {
        chosen.push_back(&d);
      }
    }
    if (chosen.empty()) {
      std::vector<std::string> origins;
      for (const auto& d : read->documents) {
        origins.push_back(d.origin);
      }
      fmt::print(stderr, "policylint: error: {} holds {} policy documents; name the ones to evaluate with --document "
                         "(one of: {})\n", path, read->documents.size(), fmt::join(origins, ", "));
      return to_int(ExitCode::error);
    }
    for (const auto* d : chosen) {
      loaded.push_back(LoadedPolicy{read->file.get(), d->policy});
    }
    inputs.push_back(std::move(*read));
  }
  std::vector<const policy::Policy*> set;
  for (const auto& l : loaded) {
    set.push_back(&l.policy);
  }
  // KMS keys and roles: the resource policy must grant (eval/required_resource_policy.hpp).
  const auto must_grant = eval::resource_policy_must_grant(request.action);
  std::string assumption;
  eval::Evaluation result;
  if (must_grant && !resource_policy.empty()) {
    result = eval::evaluate_with_required_resource_policy(std::span(set.data(), set.size() - 1), *set.back(), request);
  } else {
    result = eval::evaluate(set, request);
    // Stated when only identity policies were given: a key or trust policy among them is the
    // resource's own and was evaluated.
    const bool resource_given = std::any_of(set.begin(), set.end(), [](const policy::Policy* p) {
      return p->kind != policy::PolicyKind::identity && !p->is_guardrail();
    });
    if (must_grant && !resource_given && result.decision != eval::Decision::explicit_deny) {
      assumption = fmt::format("assumes {} allows this request: AWS requires it to grant {}{}; give it with "
                               "--resource-policy",
                               *must_grant, request.action,
                               *must_grant == "the key policy" ? " (the default key policy delegates to IAM policies)" : "");
    }
  }

  // SCPs given without any Allow (deny-list SCPs): AWS's FullAWSAccess is assumed beside them.
  const auto has_allow = [](const policy::Policy* p) {
    return std::any_of(p->statements.begin(), p->statements.end(),
                       [](const policy::Statement& st) { return st.effect == policy::Effect::allow; });
  };
  const bool scp_given = std::any_of(set.begin(), set.end(), [](const policy::Policy* p) {
    return p->type == policy::PolicyType::scp;
  });
  if (scp_given && std::none_of(set.begin(), set.end(), [&](const policy::Policy* p) {
        return p->type == policy::PolicyType::scp && has_allow(p);
      })) {
    const std::string scp_note = "assumes AWS's FullAWSAccess SCP is attached beside the SCPs given (none of them "
                                 "allows), and a member account (SCPs do not bind the management account)";
    assumption = assumption.empty() ? scp_note : assumption + "; " + scp_note;
  }
  auto file_of = [&](const policy::Policy* p) -> const SourceFile& {
    return *std::find_if(loaded.begin(), loaded.end(), [&](const LoadedPolicy& l) { return &l.policy == p; })->file;
  };
  if (format == "json") {
    std::string out = fmt::format("{{\"decision\": \"{}\", \"request\": ", eval::decision_name(result.decision));
    output::append_request_json(out, request);
    out += ", \"statements\": [";
    for (std::size_t i = 0; i < result.deciding.size(); ++i) {
      const auto& ref = result.deciding[i];
      const SourceFile& f = file_of(ref.policy);
      const Position p = f.position(ref.statement->range.begin);
      out += i == 0 ? "" : ", ";
      out += fmt::format("{{\"file\": {}, \"statement\": {}, \"index\": {}, \"effect\": \"{}\", \"line\": {}, \"column\": {}}}",
                         output::json_string(f.path()), output::json_string(ref.statement->label()), ref.statement->index,
                         ref.statement->effect == policy::Effect::deny ? "Deny" : "Allow", p.line, p.column);
    }
    out += "]";
    if (!assumption.empty()) {
      out += ", \"assumption\": " + output::json_string(assumption);
    }
    out += "}\n";
    fmt::print("{}", out);
  } else {
    fmt::print("{}\n", eval::decision_name(result.decision));
    for (const auto& ref : result.deciding) {
      const SourceFile& f = file_of(ref.policy);
      const Position p = f.position(ref.statement->range.begin);
      fmt::print("  {}:{}:{}: statement {} ({})\n", output::terminal_safe(f.path(), false), p.line, p.column,
                 output::terminal_safe(ref.statement->label(), false),
                 ref.statement->effect == policy::Effect::deny ? "Deny" : "Allow");
    }
    if (result.decision == eval::Decision::implicit_deny) {
      fmt::print("  no statement allows the request\n");
    }
    if (!assumption.empty()) {
      fmt::print("  {}\n", assumption);
    }
  }
  return to_int(result.decision == eval::Decision::allowed ? ExitCode::clean : ExitCode::findings);
}

} // namespace policylint::cli
