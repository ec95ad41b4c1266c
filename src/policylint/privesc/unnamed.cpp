#include <policylint/privesc/unnamed.hpp>
#include <policylint/query/resource_types.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace policylint::privesc {
namespace {

// The template with every placeholder `*`, except the first one after the account, which
// becomes `*policylint-unnamed*`; empty when the resource part has no placeholder.
std::string stand_in_of(std::string_view arn_template) {
  std::string out;
  std::size_t colons = 0;
  bool named = false;
  for (std::size_t i = 0; i < arn_template.size(); ++i) {
    const char c = arn_template[i];
    if (c == '$' && i + 1 < arn_template.size() && arn_template[i + 1] == '{') {
      const std::size_t close = arn_template.find('}', i);
      if (close == std::string_view::npos) {
        return {};
      }
      if (colons >= 5 && !named) {
        out += '*'; // "function:report-*" leaves the name free too
        out += k_unnamed;
        out += '*';
        named = true;
      } else {
        out += '*';
      }
      i = close;
      continue;
    }
    colons += c == ':' ? 1U : 0U;
    out += c;
  }
  return named ? out : std::string();
}

} // namespace

std::vector<std::string> unnamed_stand_ins(std::string_view action, const catalog::Catalog& catalog) {
  std::vector<std::string> out;
  const auto found = catalog.find_action(action);
  if (!found) {
    return out;
  }
  std::optional<query::ResourceTypeTable> own; // a catalog other than the embedded one
  const query::ResourceTypeTable* table = query::shared_type_table(catalog);
  if (table == nullptr) {
    table = &own.emplace(catalog);
  }
  for (const std::uint32_t t : table->types_of(found->index())) {
    const auto& type = table->type(t);
    if (type.service.empty()) {
      continue;
    }
    const std::string stand_in = stand_in_of(type.arn_template);
    if (stand_in.empty() || !stand_in.starts_with("arn:*:")) {
      continue;
    }
    // A literal partition and service let the engine leave out every Resource pattern of
    // another service, and refuse most others on their first bytes.
    for (const std::string_view partition : {"aws", "aws-cn", "aws-us-gov"}) {
      std::string in_partition = "arn:" + std::string(partition) + stand_in.substr(5);
      if (std::find(out.begin(), out.end(), in_partition) == out.end()) {
        out.push_back(std::move(in_partition));
      }
    }
  }
  return out;
}

// A glob whose '*' spans no '/' and no ':' (one placeholder's value: a name or an id). A table
// over the pattern's positions, one text byte at a time: both are a few dozen bytes.
static bool matches_within_parts(std::string_view pattern, std::string_view text) {
  std::vector<char> at(pattern.size() + 1, 0); // at[i]: the text so far matches pattern[0, i)
  const auto close = [&] {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '*' && at[i] != 0) {
        at[i + 1] = 1; // a star may match nothing
      }
    }
  };
  at[0] = 1;
  close();
  for (const char c : text) {
    std::vector<char> next(pattern.size() + 1, 0);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (at[i] == 0) {
        continue;
      }
      if (pattern[i] == '*') {
        if (c != '/' && c != ':') {
          next[i] = 1;
        }
      } else if (pattern[i] == c) {
        next[i + 1] = 1;
      }
    }
    at = std::move(next);
    close();
  }
  return at[pattern.size()] != 0;
}

bool is_stand_in(std::string_view resource, std::span<const std::string> stand_ins) {
  return std::any_of(stand_ins.begin(), stand_ins.end(),
                     [&](const std::string& s) { return matches_within_parts(s, resource); });
}

} // namespace policylint::privesc
