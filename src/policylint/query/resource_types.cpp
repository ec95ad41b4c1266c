#include <policylint/query/resource_types.hpp>

#include <policylint/eval/arn.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace policylint::query {

namespace {

// Calls `literal(text)` and `placeholder(name)` ("${BucketName}") over a template, in order.
template <typename Literal, typename Placeholder>
void walk_template(std::string_view tpl, Literal literal, Placeholder placeholder) {
  for (std::size_t i = 0; i < tpl.size();) {
    if (tpl.substr(i, 2) != "${") {
      literal(tpl[i++]);
      continue;
    }
    const std::size_t close = tpl.find('}', i);
    const std::size_t end = close == std::string_view::npos ? tpl.size() : close + 1;
    placeholder(tpl.substr(i, end - i));
    i = end;
  }
}

} // namespace

ArnFormat arn_format(std::string_view tpl, std::string_view partition) {
  ArnFormat out;
  bool bucket = false;
  walk_template(
      tpl,
      [&](char c) {
        out.glob += c;
        out.exclude += c;
      },
      [&](std::string_view placeholder) {
        if (placeholder == "${Partition}") {
          out.glob += partition;
          out.exclude += partition;
          return;
        }
        // S3 bucket names hold no '/' (the only placeholder a '/' would make ambiguous: a
        // bucket ARN would otherwise match every object ARN of the bucket).
        const bool no_slash = !bucket && placeholder.ends_with("BucketName}");
        bucket = bucket || no_slash;
        out.glob += "?*";
        out.exclude += no_slash ? "*/*" : "?*";
      });
  if (!bucket) {
    out.exclude.clear();
  }
  return out;
}

bool arn_format_matches(const ArnFormat& format, std::string_view resource) {
  return eval::arn_like_matches(format.glob, resource) &&
         (format.exclude.empty() || !eval::arn_like_matches(format.exclude, resource));
}

std::string simplest_arn(std::string_view tpl, std::string_view partition) {
  // Readable where the placeholder says what it holds: a counterexample then reads
  // arn:aws:ec2:us-east-1:111122223333:instance/x rather than arn:aws:ec2:x:x:instance/x.
  const auto stand_in = [&](std::string_view placeholder) -> std::string_view {
    if (placeholder == "${Partition}") {
      return partition;
    }
    if (placeholder == "${Region}") {
      return k_stand_in_region;
    }
    if (placeholder == "${Account}") {
      return k_stand_in_account;
    }
    return "x";
  };
  std::string out;
  walk_template(tpl, [&](char c) { out += c; }, [&](std::string_view placeholder) { out += stand_in(placeholder); });
  return out;
}

const std::vector<std::uint32_t>& ResourceTypeTable::types_of(std::uint32_t action) const {
  const std::lock_guard guard(m_lock);
  if (const auto it = m_types_of.find(action); it != m_types_of.end()) {
    return it->second;
  }
  std::vector<std::uint32_t> types;
  for (const auto& t : m_catalog->action_at(action).resource_types()) {
    const std::uint32_t index = t.type.index();
    types.push_back(index);
    auto [it, fresh] = m_types.try_emplace(index);
    if (fresh) {
      Type& type = it->second;
      type.name = t.type.name();
      type.arn_template = t.type.arn_template();
      if (const auto arn = eval::parse_arn(type.arn_template)) {
        type.service = arn->service;
      }
      type.any_partition = arn_format(type.arn_template, "?*");
    }
  }
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  return m_types_of.emplace(action, std::move(types)).first->second;
}

const ResourceTypeTable* shared_type_table(const catalog::Catalog& catalog) {
  if (&catalog != &catalog::embedded_catalog()) {
    return nullptr;
  }
  static const ResourceTypeTable k_table(catalog::embedded_catalog());
  return &k_table;
}

bool ResourceTypeTable::matches(std::uint32_t index, std::string_view resource) const {
  const Type& t = type(index);
  return t.service.empty() || arn_format_matches(t.any_partition, resource);
}

std::optional<std::string> resource_type_mismatch(const catalog::Catalog& catalog, std::string_view action,
                                                  std::string_view resource) {
  const auto a = catalog.find_action(action);
  if (!a) {
    return std::nullopt; // not in the catalog: its resource types are unknown
  }
  const auto types = a->resource_types();
  if (types.empty()) {
    if (resource == "*") {
      return std::nullopt;
    }
    return fmt::format("{} has no resource type: a request for it names \"*\", not {}", a->name(), resource);
  }
  std::vector<std::string> listed;
  for (const auto& t : types) {
    if (resource != "*" && arn_format_matches(arn_format(t.type.arn_template(), "?*"), resource)) {
      return std::nullopt;
    }
    listed.push_back(fmt::format("{} ({})", t.type.name(), t.type.arn_template()));
  }
  return fmt::format("{} acts on resources of type {}; {} is none of them", a->name(), fmt::join(listed, ", "),
                     resource);
}

} // namespace policylint::query
