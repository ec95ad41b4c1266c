#include <policylint/catalog/catalog.hpp>
#include <policylint/catalog/format.hpp>
#include <policylint/catalog/text.hpp>
#include <policylint/catalog/validate.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace policylint::catalog {

using format::CatalogData;
using text::compare_ci;

namespace {

constexpr std::array<std::string_view, 6> k_access_names = {
    "List", "Read", "Write", "Permissions management", "Tagging", "unknown"};

constexpr std::array<std::string_view, 15> k_type_names = {
    "String", "ArrayOfString", "ARN",       "ArrayOfARN",       "Numeric",
    "ArrayOfNumeric", "Date", "ArrayOfDate", "Bool",             "ArrayOfBool",
    "IPAddress", "ArrayOfIPAddress", "Binary", "ArrayOfBinary", "unknown"};

// First index in [first, first + count) of `s` whose name (at `field`) is not less than `key`
// (prefix_only: compares only the first key.size() characters).
std::uint32_t lower_bound_ci(const CatalogData& d, format::SectionId s, std::size_t field,
                             std::uint32_t first, std::uint32_t count, std::string_view key,
                             bool prefix_only = false) {
  while (count > 0) {
    const std::uint32_t half = count / 2;
    std::string_view name = d.str(s, first + half, field);
    if (prefix_only) {
      name = name.substr(0, key.size());
    }
    if (compare_ci(name, key) < 0) {
      first += half + 1;
      count -= half + 1;
    } else {
      count = half;
    }
  }
  return first;
}

std::optional<std::uint32_t> find_ci(const CatalogData& d, format::SectionId s, std::size_t field,
                                     std::uint32_t first, std::uint32_t count, std::string_view key) {
  const std::uint32_t i = lower_bound_ci(d, s, field, first, count, key);
  if (i < first + count && text::equals_ci(d.str(s, i, field), key)) {
    return i;
  }
  return std::nullopt;
}

std::vector<ConditionKey> keys_from_pool(const CatalogData* d, std::uint32_t first, std::uint32_t count) {
  count = d->clamp(format::sec_pool, first, count);
  std::vector<ConditionKey> out;
  out.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t k = d->element(format::sec_pool, first + i);
    if (k < d->count(format::sec_condition_keys)) {
      out.emplace_back(d, k);
    }
  }
  return out;
}

const std::shared_ptr<const CatalogData>& empty_data() {
  static const auto k_empty = std::make_shared<const CatalogData>();
  return k_empty;
}

} // namespace

// ---- enums

std::string_view to_string(AccessLevel level) noexcept {
  const auto i = static_cast<std::size_t>(level);
  return i < k_access_names.size() ? k_access_names[i] : k_access_names.back();
}

std::string_view to_string(KeyType type) noexcept {
  const auto i = static_cast<std::size_t>(type);
  return i < k_type_names.size() ? k_type_names[i] : k_type_names.back();
}

KeyType parse_key_type(std::string_view name) noexcept {
  for (std::size_t i = 0; i + 1 < k_type_names.size(); ++i) {
    if (text::equals_ci(name, k_type_names[i])) {
      return static_cast<KeyType>(i);
    }
  }
  // Spellings seen in AWS documentation but not in the data.
  if (text::equals_ci(name, "Boolean")) {
    return KeyType::boolean;
  }
  if (text::equals_ci(name, "ArrayOfBoolean")) {
    return KeyType::array_of_boolean;
  }
  return KeyType::unknown;
}

bool is_multivalued(KeyType type) noexcept {
  // Array types sit at odd positions, each after its element type.
  return type != KeyType::unknown && (static_cast<unsigned>(type) % 2U) == 1U;
}

KeyType element_type(KeyType type) noexcept {
  return is_multivalued(type) ? static_cast<KeyType>(static_cast<unsigned>(type) - 1U) : type;
}

// ---- ConditionKey

std::string_view ConditionKey::name() const noexcept {
  return m_data->str(format::sec_condition_keys, m_index, format::condition_key::name);
}
std::string_view ConditionKey::type_name() const noexcept {
  return m_data->str(format::sec_condition_keys, m_index, format::condition_key::type);
}
KeyType ConditionKey::type() const noexcept { return parse_key_type(type_name()); }
std::string_view ConditionKey::category() const noexcept {
  return m_data->str(format::sec_condition_keys, m_index, format::condition_key::category);
}
bool ConditionKey::is_global() const noexcept {
  return (m_data->field32(format::sec_condition_keys, m_index, format::condition_key::flags) &
          format::condition_key::flag_global) != 0;
}
bool ConditionKey::is_templated() const noexcept {
  return (m_data->field32(format::sec_condition_keys, m_index, format::condition_key::flags) &
          format::condition_key::flag_templated) != 0;
}
std::string_view ConditionKey::pattern() const noexcept {
  return m_data->str(format::sec_condition_keys, m_index, format::condition_key::pattern);
}
bool ConditionKey::matches(std::string_view key) const noexcept {
  if (text::equals_ci(key, name())) {
    return true;
  }
  if (!is_templated()) {
    return false;
  }
  // Every placeholder must stand for at least one character.
  const std::string_view p = pattern();
  return key.size() >= p.size() && wildcard_match(p, key);
}

// ---- ResourceType

std::string_view ResourceType::name() const noexcept {
  return m_data->str(format::sec_resource_types, m_index, format::resource_type::name);
}
std::string_view ResourceType::arn_template() const noexcept {
  return m_data->str(format::sec_resource_types, m_index, format::resource_type::arn);
}
Service ResourceType::service() const noexcept {
  return {m_data, m_data->field16(format::sec_resource_types, m_index, format::resource_type::service)};
}
std::vector<ConditionKey> ResourceType::condition_keys() const {
  return keys_from_pool(m_data,
                        m_data->field32(format::sec_resource_types, m_index, format::resource_type::key_first),
                        m_data->field32(format::sec_resource_types, m_index, format::resource_type::key_count));
}

// ---- Action

std::string_view Action::name() const noexcept {
  return m_data->str(format::sec_actions, m_index, format::action::name);
}
std::string_view Action::action_name() const noexcept {
  const std::string_view n = name();
  const std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}
std::string_view Action::service_prefix() const noexcept {
  const std::string_view n = name();
  return n.substr(0, std::min(n.find(':'), n.size()));
}
Service Action::service() const noexcept {
  return {m_data, m_data->field16(format::sec_actions, m_index, format::action::service)};
}
AccessLevel Action::access_level() const noexcept {
  if (m_index >= m_data->count(format::sec_actions)) {
    return AccessLevel::unknown;
  }
  const std::uint8_t v = m_data->u8_at(m_data->record(format::sec_actions, m_index) + format::action::access);
  return v < static_cast<std::uint8_t>(AccessLevel::unknown) ? static_cast<AccessLevel>(v) : AccessLevel::unknown;
}
bool Action::wildcard_only() const noexcept {
  return m_data->field16(format::sec_actions, m_index, format::action::rt_count) == 0;
}
std::vector<ActionResourceType> Action::resource_types() const {
  const std::uint32_t first = m_data->field32(format::sec_actions, m_index, format::action::rt_first);
  const std::uint32_t count = m_data->clamp(format::sec_action_rts, first,
                                            m_data->field16(format::sec_actions, m_index, format::action::rt_count));
  std::vector<ActionResourceType> out;
  out.reserve(count);
  for (std::uint32_t i = first; i < first + count; ++i) {
    const std::uint32_t v = m_data->field32(format::sec_action_rts, i, format::action_rt::type);
    const std::uint32_t rt = v & ~format::action_rt::required_bit;
    if (rt >= m_data->count(format::sec_resource_types)) {
      continue; // corrupt reference: skip rather than invent a type
    }
    out.push_back({ResourceType(m_data, rt), (v & format::action_rt::required_bit) != 0,
                   keys_from_pool(m_data, m_data->field32(format::sec_action_rts, i, format::action_rt::key_first),
                                  m_data->field32(format::sec_action_rts, i, format::action_rt::key_count))});
  }
  return out;
}
std::vector<ConditionKey> Action::condition_keys() const {
  std::vector<ConditionKey> out =
      keys_from_pool(m_data, m_data->field32(format::sec_actions, m_index, format::action::key_first),
                     m_data->field16(format::sec_actions, m_index, format::action::key_count));
  // A request carries the keys listed for the action, for the action on a resource type, and
  // those the resource type itself lists (eks:accessEntryType on accessEntry, iam:ResourceTag/…
  // on role): the Service Authorization Reference puts many keys only on the resource type.
  for (ActionResourceType& rt : resource_types()) {
    out.insert(out.end(), rt.condition_keys.begin(), rt.condition_keys.end());
    const std::vector<ConditionKey> own = rt.type.condition_keys();
    out.insert(out.end(), own.begin(), own.end());
  }
  // Key indices follow the case-insensitive name order, so this sorts by name too.
  // (std::ranges::unique's subrange result does not compile with clang 14, which builds the fuzzers.)
  std::ranges::sort(out, {}, &ConditionKey::index);
  out.erase(std::unique(out.begin(), out.end(),
                        [](const ConditionKey& a, const ConditionKey& b) { return a.index() == b.index(); }),
            out.end());
  return out;
}
bool Action::supports_condition_key(std::string_view key) const {
  return std::ranges::any_of(condition_keys(), [&](const ConditionKey& k) { return k.matches(key); });
}

// ---- Service

std::string_view Service::prefix() const noexcept {
  return m_data->str(format::sec_services, m_index, format::service::name);
}
std::string_view Service::display_name() const noexcept {
  return m_data->str(format::sec_services, m_index, format::service::display);
}
std::size_t Service::action_count() const noexcept {
  return m_data->clamp(format::sec_actions, m_data->field32(format::sec_services, m_index, format::service::action_first),
                       m_data->field32(format::sec_services, m_index, format::service::action_count));
}
std::vector<Action> Service::actions() const {
  const std::uint32_t first = m_data->field32(format::sec_services, m_index, format::service::action_first);
  const std::uint32_t count = m_data->clamp(format::sec_actions, first,
                                            m_data->field32(format::sec_services, m_index, format::service::action_count));
  std::vector<Action> out;
  for (std::uint32_t i = first; i < first + count; ++i) {
    out.emplace_back(m_data, i);
  }
  return out;
}
std::vector<ResourceType> Service::resource_types() const {
  const std::uint32_t first = m_data->field32(format::sec_services, m_index, format::service::rt_first);
  const std::uint32_t count = m_data->clamp(format::sec_resource_types, first,
                                            m_data->field32(format::sec_services, m_index, format::service::rt_count));
  std::vector<ResourceType> out;
  for (std::uint32_t i = first; i < first + count; ++i) {
    out.emplace_back(m_data, i);
  }
  return out;
}

// ---- Catalog

struct Catalog::ServiceIndex {
  // FNV-1a over the folded bytes: lookups are case-insensitive, like AWS's.
  static std::size_t fold_hash(std::string_view s) noexcept {
    std::size_t h = 14695981039346656037ULL;
    for (const char c : s) {
      h = (h ^ text::fold(c)) * 1099511628211ULL;
    }
    return h;
  }
  struct FoldHash {
    std::size_t operator()(std::string_view s) const noexcept { return fold_hash(s); }
  };
  struct FoldEqual {
    bool operator()(std::string_view a, std::string_view b) const noexcept { return text::equals_ci(a, b); }
  };
  // The first lookups of a table binary-search the catalog's sorted section: building the
  // table reads every name, which a run over one small file pays for in page faults and never
  // earns back. The table is built only for a run that asks more (a corpus).
  static constexpr std::uint32_t k_searches_before_table = 64;
  std::atomic<std::uint32_t> service_lookups{0};
  std::atomic<std::uint32_t> key_lookups{0};
  static bool still_searching(std::atomic<std::uint32_t>& lookups) {
    return lookups.fetch_add(1, std::memory_order_relaxed) < k_searches_before_table;
  }
  std::once_flag built;
  std::once_flag actions_allocated;
  std::unordered_map<std::string_view, std::uint32_t, FoldHash, FoldEqual> by_name; // views into the catalog's bytes

  // An open-addressing table of a section's record indexes by their name field, for exact
  // lookups in O(1): PL005, PL024 and the query engine ask for every action of every document,
  // the condition rules for every key, and a binary search with case folding was 9% of a run
  // over the managed corpus.
  struct NameTable {
    std::once_flag built;
    std::vector<std::uint32_t> slots; // record index + 1; 0 is empty; size a power of two

    void fill(const CatalogData& d, format::SectionId s, std::size_t field, std::uint32_t first, std::uint32_t count) {
      std::size_t size = 8;
      while (size < 2 * std::size_t{count}) {
        size *= 2;
      }
      slots.assign(size, 0);
      for (std::uint32_t i = first; i < first + count; ++i) {
        std::size_t at = fold_hash(d.str(s, i, field)) & (size - 1);
        while (slots[at] != 0) {
          at = (at + 1) & (size - 1);
        }
        slots[at] = i + 1;
      }
    }

    [[nodiscard]] std::optional<std::uint32_t> find(const CatalogData& d, format::SectionId s, std::size_t field,
                                                    std::string_view name) const {
      const std::size_t mask = slots.size() - 1;
      for (std::size_t at = fold_hash(name) & mask; slots[at] != 0; at = (at + 1) & mask) {
        const std::uint32_t i = slots[at] - 1;
        if (text::equals_ci(d.str(s, i, field), name)) {
          return i;
        }
      }
      return std::nullopt;
    }
  };
  std::unique_ptr<NameTable[]> actions; // one per service, allocated with by_name, filled on first use
  NameTable condition_keys;

  // Templated condition keys (their positions in the catalog's template list) by the service
  // prefix their pattern starts with ("aws", "s3"): a key is tried against its own prefix's
  // templates only, not all ~140 (the rules that read conditions ask for every key of every
  // document). A pattern with a wildcard before its ':' could match any prefix and is tried
  // for every key.
  std::once_flag templates_built;
  std::unordered_map<std::string_view, std::vector<std::uint32_t>, FoldHash, FoldEqual> templates_by_prefix;
  std::vector<std::uint32_t> templates_any;

  static std::string_view prefix_of(std::string_view key) { return key.substr(0, std::min(key.find(':'), key.size())); }

  // The templated keys that may match `name`, in catalog order.
  template <class Visit>
  void for_each_template(const CatalogData& d, std::string_view name, Visit&& visit) {
    std::call_once(templates_built, [&] {
      const std::uint32_t n = d.count(format::sec_condition_keys);
      for (std::uint32_t t = 0; t < d.count(format::sec_templated_keys); ++t) {
        const std::uint32_t k = d.element(format::sec_templated_keys, t);
        if (k >= n) {
          continue;
        }
        const std::string_view pattern = d.str(format::sec_condition_keys, k, format::condition_key::pattern);
        const std::string_view prefix = prefix_of(pattern);
        if (prefix.size() == pattern.size() || prefix.find_first_of("*?") != std::string_view::npos) {
          templates_any.push_back(t);
        } else {
          templates_by_prefix[prefix].push_back(t);
        }
      }
    });
    // Two lists of positions in the catalog's template list, merged so that the visit order is
    // the catalog's (the first of equally literal matches wins).
    static const std::vector<std::uint32_t> k_none;
    const auto it = templates_by_prefix.find(prefix_of(name));
    const std::vector<std::uint32_t>& own = it == templates_by_prefix.end() ? k_none : it->second;
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < own.size() || b < templates_any.size()) {
      const bool mine = b == templates_any.size() || (a < own.size() && own[a] < templates_any[b]);
      visit(d.element(format::sec_templated_keys, mine ? own[a++] : templates_any[b++]));
    }
  }

  // The service whose prefix is `prefix`, case-insensitively; binary search first.
  std::optional<std::uint32_t> find(const CatalogData& d, std::string_view prefix) {
    const std::uint32_t n = d.count(format::sec_services);
    if (still_searching(service_lookups)) {
      return find_ci(d, format::sec_services, format::service::name, 0, n, prefix);
    }
    std::call_once(built, [&] {
      by_name.reserve(n);
      for (std::uint32_t i = 0; i < n; ++i) {
        by_name.try_emplace(d.str(format::sec_services, i, format::service::name), i);
      }
    });
    const auto it = by_name.find(prefix);
    return it == by_name.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }

  // The action of service `svc` whose full name is `name`, case-insensitively.
  std::optional<std::uint32_t> find_action(const CatalogData& d, std::uint32_t svc, std::string_view name) {
    std::call_once(actions_allocated, [&] { actions = std::make_unique<NameTable[]>(d.count(format::sec_services)); });
    NameTable& table = actions[svc];
    std::call_once(table.built, [&] {
      const std::uint32_t first = d.field32(format::sec_services, svc, format::service::action_first);
      const std::uint32_t count =
          d.clamp(format::sec_actions, first, d.field32(format::sec_services, svc, format::service::action_count));
      table.fill(d, format::sec_actions, format::action::name, first, count);
    });
    return table.find(d, format::sec_actions, format::action::name, name);
  }

  // The condition key named exactly `name`, case-insensitively (templates aside); binary
  // search first, as for services.
  std::optional<std::uint32_t> find_condition_key(const CatalogData& d, std::string_view name) {
    if (still_searching(key_lookups)) {
      return find_ci(d, format::sec_condition_keys, format::condition_key::name, 0, d.count(format::sec_condition_keys),
                     name);
    }
    std::call_once(condition_keys.built, [&] {
      condition_keys.fill(d, format::sec_condition_keys, format::condition_key::name, 0,
                          d.count(format::sec_condition_keys));
    });
    return condition_keys.find(d, format::sec_condition_keys, format::condition_key::name, name);
  }
};

Catalog::Catalog() : m_data(empty_data()), m_service_index(std::make_shared<ServiceIndex>()) {}
Catalog::Catalog(std::shared_ptr<const CatalogData> data)
    : m_data(std::move(data)), m_service_index(std::make_shared<ServiceIndex>()) {}

Result<Catalog> Catalog::from_trusted_bytes(std::string_view bytes) {
  auto data = std::make_shared<CatalogData>();
  data->bytes = bytes;
  POLICYLINT_TRY(parse_header(*data));
  return Catalog(std::move(data));
}

Result<Catalog> Catalog::from_bytes(std::string bytes) {
  auto data = std::make_shared<CatalogData>();
  data->storage = std::move(bytes);
  data->bytes = data->storage;
  POLICYLINT_TRY(parse_header(*data));
  POLICYLINT_TRY(validate_records(*data));
  return Catalog(std::move(data));
}

CatalogInfo Catalog::info() const {
  const CatalogData& d = *m_data;
  CatalogInfo info;
  info.source_package = d.meta[format::meta_package];
  info.source_version = d.meta[format::meta_version];
  info.data_date = d.meta[format::meta_date];
  info.format_version = d.bytes.empty() ? 0 : format::k_version;
  info.size_bytes = d.bytes.size();
  info.services = d.count(format::sec_services);
  info.actions = d.count(format::sec_actions);
  info.resource_types = d.count(format::sec_resource_types);
  info.condition_keys = d.count(format::sec_condition_keys);
  info.global_condition_keys = global_condition_keys().size();
  return info;
}

std::string_view Catalog::license_text() const noexcept { return m_data->meta[format::meta_license]; }

std::size_t Catalog::action_count() const noexcept { return m_data->count(format::sec_actions); }

std::optional<Service> Catalog::find_service(std::string_view prefix) const noexcept {
  if (auto i = m_service_index->find(*m_data, prefix)) {
    return Service(m_data.get(), *i);
  }
  return std::nullopt;
}

std::optional<Action> Catalog::find_action(std::string_view name) const noexcept {
  const std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  const auto svc = m_service_index->find(*m_data, name.substr(0, colon));
  if (!svc) {
    return std::nullopt;
  }
  if (auto i = m_service_index->find_action(*m_data, *svc, name)) {
    return Action(m_data.get(), *i);
  }
  return std::nullopt;
}

std::optional<ResourceType> Catalog::find_resource_type(std::string_view service,
                                                        std::string_view name) const noexcept {
  const auto svc = find_service(service);
  if (!svc) {
    return std::nullopt;
  }
  const CatalogData& d = *m_data;
  const std::uint32_t first = d.field32(format::sec_services, svc->index(), format::service::rt_first);
  const std::uint32_t count =
      d.clamp(format::sec_resource_types, first, d.field32(format::sec_services, svc->index(), format::service::rt_count));
  if (auto i = find_ci(d, format::sec_resource_types, format::resource_type::name, first, count, name)) {
    return ResourceType(m_data.get(), *i);
  }
  return std::nullopt;
}

std::optional<ConditionKey> Catalog::find_condition_key(std::string_view name) const noexcept {
  const CatalogData& d = *m_data;
  if (auto i = m_service_index->find_condition_key(d, name)) {
    return ConditionKey(m_data.get(), *i);
  }
  // Templates, of the key's own service prefix. Prefer the template with the most literal
  // text: "events:Metadata/x/Matcher" is "…/${MetadataKey}/Matcher", not "…/${MetadataKey}".
  std::optional<ConditionKey> best;
  std::size_t best_literal = 0;
  m_service_index->for_each_template(d, name, [&](std::uint32_t k) {
    const ConditionKey key(m_data.get(), k);
    if (!key.matches(name)) {
      return;
    }
    const std::string_view p = key.pattern();
    const auto literal = static_cast<std::size_t>(p.size() - static_cast<std::size_t>(std::ranges::count(p, '*')));
    if (!best || literal > best_literal) {
      best = key;
      best_literal = literal;
    }
  });
  return best;
}

Action Catalog::action_at(std::uint32_t index) const noexcept { return {m_data.get(), index}; }

std::vector<Service> Catalog::services() const {
  std::vector<Service> out;
  for (std::uint32_t i = 0; i < m_data->count(format::sec_services); ++i) {
    out.emplace_back(m_data.get(), i);
  }
  return out;
}

std::vector<ConditionKey> Catalog::global_condition_keys() const {
  std::vector<ConditionKey> out;
  for (std::uint32_t i = 0; i < m_data->count(format::sec_condition_keys); ++i) {
    const ConditionKey key(m_data.get(), i);
    if (key.is_global()) {
      out.push_back(key);
    }
  }
  return out;
}

} // namespace policylint::catalog
