#include <policylint/managed/managed_policies.hpp>

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace policylint::managed {

namespace {

using Entry = std::pair<std::string_view, std::string_view>; // ARN, document

const std::vector<Entry>& index() {
  static const std::vector<Entry> entries = [] {
    std::vector<Entry> out;
    const std::string_view text = embedded_text();
    std::size_t at = 0;
    while (at < text.size()) {
      auto end = text.find('\n', at);
      if (end == std::string_view::npos) {
        end = text.size();
      }
      const std::string_view line = text.substr(at, end - at);
      at = end + 1;
      const auto tab = line.find('\t');
      if (line.empty() || line[0] == '#' || tab == std::string_view::npos) {
        continue;
      }
      out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return entries;
}

// arn:aws-cn:iam::aws:policy/X and arn:aws-us-gov:... name the same policy as arn:aws:...
std::string normalise(std::string_view arn) {
  constexpr std::string_view k_marker = ":iam::aws:policy/";
  const auto at = arn.find(k_marker);
  if (!arn.starts_with("arn:") || at == std::string_view::npos) {
    return std::string(arn);
  }
  return "arn:aws" + std::string(arn.substr(at));
}

std::optional<account::PolicyDoc> build(std::string_view arn, std::string_view document) {
  const SourceFile file("", std::string(document));
  auto tree = json::parse(file);
  if (!tree) {
    return std::nullopt;
  }
  policy::BuildOptions options;
  options.forced_kind = policy::PolicyKind::identity;
  options.max_statements = 0;
  account::PolicyDoc doc;
  doc.arn = std::string(arn);
  doc.name = doc.arn.substr(doc.arn.rfind('/') + 1);
  doc.policy = policy::build_policy(*tree, options).policy;
  return doc;
}

} // namespace

std::optional<std::string_view> find_document(std::string_view arn) {
  const std::string key = normalise(arn);
  const auto& entries = index();
  const auto it = std::lower_bound(entries.begin(), entries.end(), key,
                                   [](const Entry& e, const std::string& k) { return e.first < k; });
  if (it == entries.end() || it->first != key) {
    return std::nullopt;
  }
  return it->second;
}

std::size_t policy_count() { return index().size(); }

void resolve_aws_managed(account::Account& account) {
  std::map<std::string, std::size_t, std::less<>> existing; // ARN → document, built once per account
  for (std::size_t i = 0; i < account.documents.size(); ++i) {
    if (!account.documents[i].arn.empty()) {
      existing.emplace(account.documents[i].arn, i);
    }
  }
  auto document_for = [&](const std::string& arn) -> std::optional<std::size_t> {
    if (auto it = existing.find(arn); it != existing.end()) {
      return it->second;
    }
    const auto text = find_document(arn);
    if (!text) {
      return std::nullopt;
    }
    auto doc = build(arn, *text);
    if (!doc) {
      return std::nullopt;
    }
    account.documents.push_back(std::move(*doc));
    existing.emplace(arn, account.documents.size() - 1);
    return account.documents.size() - 1;
  };
  for (auto& p : account.principals) {
    std::vector<std::string> still;
    for (const auto& arn : p.unresolved_policy_arns) {
      if (auto index = document_for(arn)) {
        p.policies.push_back(*index);
      } else {
        still.push_back(arn);
      }
    }
    p.unresolved_policy_arns = std::move(still);
    if (!p.permissions_boundary && !p.permissions_boundary_arn.empty()) {
      p.permissions_boundary = document_for(p.permissions_boundary_arn);
    }
  }
}

} // namespace policylint::managed
