#include <policylint/lint/policy_documents.hpp>

#include <policylint/frontend/load.hpp>
#include <policylint/policy/builder.hpp>

#include <fmt/format.h>

namespace policylint::lint {

Result<PolicyDocuments> load_policy_documents(std::unique_ptr<SourceFile> file, frontend::InputFormat format,
                                              std::optional<policy::PolicyKind> forced_kind,
                                              std::optional<policy::PolicyType> type) {
  PolicyDocuments out;
  frontend::Extraction extraction = frontend::load(*file, {format, {}, 0});
  out.format = extraction.format;
  if (extraction.not_iam) {
    return fail(Error(ErrorCode::invalid_input,
                      fmt::format("{}: nothing in it looks like an IAM policy (--input-format policy reads it as one)",
                                  file->path())));
  }
  for (const auto& note : extraction.notes) {
    const bool unreadable = note.rule == "invalid-json" || note.rule == "input-limit-exceeded";
    if (unreadable && extraction.documents.empty()) {
      const Position p = file->position(note.range.begin);
      return fail(Error(ErrorCode::invalid_json,
                        fmt::format("{}:{}:{}: {}", file->path(), p.line, p.column, note.message)));
    }
  }
  for (const auto& doc : extraction.documents) {
    if (!doc.lint) {
      continue;
    }
    policy::BuildOptions options;
    options.forced_kind = forced_kind ? forced_kind : doc.kind;
    options.type = type ? type : doc.type;
    if (type) {
      options.forced_kind = forced_kind ? forced_kind : policy::kind_of(*type);
    } else {
      options.resource_service = doc.resource_service;
    }
    auto built = policy::build_policy(*doc.tree, options);
    for (auto& issue : built.issues) {
      out.issues.push_back({issue.rule, issue.range, std::move(issue.message), {}});
    }
    out.documents.push_back({doc.origin, std::move(built.policy)});
  }
  out.file = std::move(file);
  return out;
}

} // namespace policylint::lint
