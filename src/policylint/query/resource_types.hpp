#pragma once
// The typed request space (docs/query.md): a request for an action names a resource of one of
// the resource types the catalog lists for that action, or `*` when the action has none. A
// request for s3:GetObject on a bucket ARN is not one AWS can make. The query engine searches
// only such requests when a query asks for it (Query::typed_resources); `simulate` refuses a
// request outside it.
#include <policylint/catalog/catalog.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace policylint::query {

// A resource type's ARN template as an ArnLike glob: `${Partition}` becomes `partition` and
// every other placeholder `?*` (never empty). A bucket name holds no '/', which a glob cannot
// say: `exclude` is then the same glob with the bucket name spanning a '/' (an ARN of the
// format matches `glob` and not `exclude`); empty when the template names no bucket.
struct ArnFormat {
  std::string glob;
  std::string exclude;
};
[[nodiscard]] ArnFormat arn_format(std::string_view arn_template, std::string_view partition);

// Whether `resource` is an ARN of this format (eval::arn_like_matches, segment by segment).
[[nodiscard]] bool arn_format_matches(const ArnFormat& format, std::string_view resource);

// The Region and account every readable stand-in ARN of the engine uses (simplest_arn, the
// instances of Resource patterns): AWS's documentation values.
inline constexpr std::string_view k_stand_in_region = "us-east-1";
inline constexpr std::string_view k_stand_in_account = "111122223333";

// The simplest ARN of a template in `partition`: ${Region} becomes us-east-1, ${Account}
// 111122223333, every other placeholder "x".
[[nodiscard]] std::string simplest_arn(std::string_view arn_template, std::string_view partition);

// Why no request for `action` can name `resource`, or nullopt when one can: `*` fits an action
// with no resource type; an ARN fits when it is of one of the action's types (any partition);
// an action the catalog does not list takes anything.
[[nodiscard]] std::optional<std::string> resource_type_mismatch(const catalog::Catalog& catalog,
                                                                std::string_view action, std::string_view resource);

// The catalog's resource types, compiled per action on first use and kept (an engine asks
// about the same actions many times): per action the types it acts on, per type its ARN
// format in any partition. Safe to share between threads: the embedded catalog's table is
// one for the whole process (shared_type_table), since a snapshot builds thousands of engines
// that ask about the same few hundred actions.
class ResourceTypeTable {
public:
  struct Type {
    std::string name;         // "object"
    std::string arn_template; // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
    std::string service;      // the template's ARN service ("s3"); empty when it is not an ARN
    ArnFormat any_partition;  // `${Partition}` as `?*`
  };

  explicit ResourceTypeTable(const catalog::Catalog& catalog) : m_catalog(&catalog) {}

  // Catalog indexes of the action's resource types, ascending; empty: it has none ("*" only).
  [[nodiscard]] const std::vector<std::uint32_t>& types_of(std::uint32_t action) const;
  // A type that types_of returned.
  [[nodiscard]] const Type& type(std::uint32_t index) const {
    const std::lock_guard guard(m_lock);
    return m_types.at(index);
  }
  // Whether `resource` is an ARN of this type (a template that is no ARN takes anything).
  [[nodiscard]] bool matches(std::uint32_t type, std::string_view resource) const;

private:
  const catalog::Catalog* m_catalog;
  // Sparse, by catalog index: an engine asks about a few dozen actions, and a dense table of
  // every action cost each engine half a megabyte (thousands of engines in a snapshot).
  // Node-based, so the references handed out stay valid as the maps grow.
  mutable std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_types_of; // by action index
  mutable std::unordered_map<std::uint32_t, Type> m_types;                           // by type index
  mutable std::mutex m_lock; // guards both maps; what they hold never changes once added
};

// The embedded catalog's table, one for the process; nullptr for any other catalog (a test's,
// which may be freed while the process goes on).
[[nodiscard]] const ResourceTypeTable* shared_type_table(const catalog::Catalog& catalog);

[[nodiscard]] inline bool request_resource_fits(const catalog::Catalog& catalog, std::string_view action,
                                                std::string_view resource) {
  return !resource_type_mismatch(catalog, action, resource).has_value();
}

} // namespace policylint::query
