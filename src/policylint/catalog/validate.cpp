#include <policylint/catalog/catalog.hpp>
#include <policylint/catalog/text.hpp>
#include <policylint/catalog/validate.hpp>
#include <policylint/core/source_file.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <memory>

namespace policylint::catalog {

using format::CatalogData;
using format::SectionId;

namespace {

constexpr std::array<std::string_view, format::sec_count> k_section_names = {
    "services", "actions", "resource types", "condition keys", "templated keys",
    "action resource types", "key pool", "strings"};

constexpr std::uint64_t k_max_file_size = 64ULL << 20; // far above any real catalog

Error corrupt(std::string what) {
  return {ErrorCode::invalid_input, fmt::format("corrupt catalog: {}", what)};
}

bool range_ok(std::uint64_t first, std::uint64_t count, std::uint64_t total) {
  return first <= total && count <= total - first;
}

// A string ref at byte `off` lies inside the string section.
bool ref_ok(const CatalogData& d, std::size_t off) {
  return range_ok(d.u32_at(off), d.u32_at(off + 4), d.count(format::sec_strings));
}

Result<void> check_ref(const CatalogData& d, SectionId s, std::uint32_t i, std::size_t field,
                       std::string_view what, bool allow_empty = true) {
  const std::size_t off = d.record(s, i) + field;
  if (!ref_ok(d, off) || (!allow_empty && d.u32_at(off + 4) == 0)) {
    return fail(corrupt(fmt::format("{} #{}: bad {} string", k_section_names[s], i, what)));
  }
  return {};
}

Result<void> check_pool_range(const CatalogData& d, SectionId s, std::uint32_t i,
                              std::uint64_t first, std::uint64_t count) {
  if (!range_ok(first, count, d.count(format::sec_pool))) {
    return fail(corrupt(fmt::format("{} #{}: condition-key list out of range", k_section_names[s], i)));
  }
  return {};
}

Result<void> validate_services(const CatalogData& d) {
  std::uint64_t next_action = 0;
  std::uint64_t next_rt = 0;
  std::string_view previous;
  for (std::uint32_t i = 0; i < d.count(format::sec_services); ++i) {
    POLICYLINT_TRY(check_ref(d, format::sec_services, i, format::service::name, "prefix", false));
    POLICYLINT_TRY(check_ref(d, format::sec_services, i, format::service::display, "display name"));
    const std::string_view prefix = d.str(format::sec_services, i, format::service::name);
    if (i > 0 && text::compare_ci(previous, prefix) >= 0) {
      return fail(corrupt(fmt::format("services not sorted at #{}", i)));
    }
    previous = prefix;
    // Each service owns the next contiguous run of actions and of resource types.
    if (d.field32(format::sec_services, i, format::service::action_first) != next_action ||
        d.field32(format::sec_services, i, format::service::rt_first) != next_rt) {
      return fail(corrupt(fmt::format("service {}: ranges not contiguous", prefix)));
    }
    next_action += d.field32(format::sec_services, i, format::service::action_count);
    next_rt += d.field32(format::sec_services, i, format::service::rt_count);
  }
  if (next_action != d.count(format::sec_actions) || next_rt != d.count(format::sec_resource_types)) {
    return fail(corrupt("service ranges do not cover the action and resource-type tables"));
  }
  return {};
}

Result<void> validate_actions(const CatalogData& d) {
  for (std::uint32_t s = 0; s < d.count(format::sec_services); ++s) {
    const std::string_view prefix = d.str(format::sec_services, s, format::service::name);
    const std::uint32_t first = d.field32(format::sec_services, s, format::service::action_first);
    const std::uint32_t count = d.field32(format::sec_services, s, format::service::action_count);
    std::string_view previous;
    for (std::uint32_t i = first; i < first + count; ++i) {
      POLICYLINT_TRY(check_ref(d, format::sec_actions, i, format::action::name, "name", false));
      const std::string_view name = d.str(format::sec_actions, i, format::action::name);
      if (d.field16(format::sec_actions, i, format::action::service) != s ||
          !text::starts_with_ci(name, prefix) || name.size() <= prefix.size() + 1 || name[prefix.size()] != ':') {
        return fail(corrupt(fmt::format("action #{} does not belong to service {}", i, prefix)));
      }
      if (i > first && text::compare_ci(previous, name) >= 0) {
        return fail(corrupt(fmt::format("actions of {} not sorted at {}", prefix, name)));
      }
      previous = name;
      if (!range_ok(d.field32(format::sec_actions, i, format::action::rt_first),
                    d.field16(format::sec_actions, i, format::action::rt_count), d.count(format::sec_action_rts))) {
        return fail(corrupt(fmt::format("action {}: resource-type list out of range", name)));
      }
      POLICYLINT_TRY(check_pool_range(d, format::sec_actions, i,
                                      d.field32(format::sec_actions, i, format::action::key_first),
                                      d.field16(format::sec_actions, i, format::action::key_count)));
    }
  }
  for (std::uint32_t i = 0; i < d.count(format::sec_action_rts); ++i) {
    const std::uint32_t v = d.field32(format::sec_action_rts, i, format::action_rt::type);
    if ((v & ~format::action_rt::required_bit) >= d.count(format::sec_resource_types)) {
      return fail(corrupt(fmt::format("action resource type #{}: bad resource-type index", i)));
    }
    POLICYLINT_TRY(check_pool_range(d, format::sec_action_rts, i,
                                    d.field32(format::sec_action_rts, i, format::action_rt::key_first),
                                    d.field32(format::sec_action_rts, i, format::action_rt::key_count)));
  }
  return {};
}

Result<void> validate_resource_types(const CatalogData& d) {
  for (std::uint32_t s = 0; s < d.count(format::sec_services); ++s) {
    const std::uint32_t first = d.field32(format::sec_services, s, format::service::rt_first);
    const std::uint32_t count = d.field32(format::sec_services, s, format::service::rt_count);
    std::string_view previous;
    for (std::uint32_t i = first; i < first + count; ++i) {
      POLICYLINT_TRY(check_ref(d, format::sec_resource_types, i, format::resource_type::name, "name", false));
      POLICYLINT_TRY(check_ref(d, format::sec_resource_types, i, format::resource_type::arn, "ARN"));
      const std::string_view name = d.str(format::sec_resource_types, i, format::resource_type::name);
      if (d.field16(format::sec_resource_types, i, format::resource_type::service) != s) {
        return fail(corrupt(fmt::format("resource type #{}: wrong service", i)));
      }
      if (i > first && text::compare_ci(previous, name) >= 0) {
        return fail(corrupt(fmt::format("resource types not sorted at #{}", i)));
      }
      previous = name;
      POLICYLINT_TRY(check_pool_range(d, format::sec_resource_types, i,
                                      d.field32(format::sec_resource_types, i, format::resource_type::key_first),
                                      d.field32(format::sec_resource_types, i, format::resource_type::key_count)));
    }
  }
  return {};
}

Result<void> validate_keys(const CatalogData& d) {
  const std::uint32_t n = d.count(format::sec_condition_keys);
  std::string_view previous;
  for (std::uint32_t i = 0; i < n; ++i) {
    POLICYLINT_TRY(check_ref(d, format::sec_condition_keys, i, format::condition_key::name, "name", false));
    POLICYLINT_TRY(check_ref(d, format::sec_condition_keys, i, format::condition_key::type, "type"));
    POLICYLINT_TRY(check_ref(d, format::sec_condition_keys, i, format::condition_key::category, "category"));
    POLICYLINT_TRY(check_ref(d, format::sec_condition_keys, i, format::condition_key::pattern, "pattern"));
    const std::string_view name = d.str(format::sec_condition_keys, i, format::condition_key::name);
    if (i > 0 && text::compare_ci(previous, name) >= 0) {
      return fail(corrupt(fmt::format("condition keys not sorted at {}", name)));
    }
    previous = name;
  }
  for (std::uint32_t i = 0; i < d.count(format::sec_templated_keys); ++i) {
    if (d.element(format::sec_templated_keys, i) >= n) {
      return fail(corrupt("templated-key index out of range"));
    }
  }
  for (std::uint32_t i = 0; i < d.count(format::sec_pool); ++i) {
    if (d.element(format::sec_pool, i) >= n) {
      return fail(corrupt(fmt::format("condition-key pool entry #{} out of range", i)));
    }
  }
  return {};
}

} // namespace

Result<void> parse_header(CatalogData& d) {
  const std::string_view b = d.bytes;
  if (b.size() < format::k_header_size) {
    return fail(corrupt(fmt::format("truncated: {} bytes, the header alone needs {}", b.size(),
                                    format::k_header_size)));
  }
  if (b.substr(0, format::k_magic.size()) != format::k_magic) {
    return fail(Error(ErrorCode::invalid_input, "not a policylint catalog file (bad magic)"));
  }
  if (const std::uint32_t v = d.u32_at(8); v != format::k_version) {
    return fail(Error(ErrorCode::invalid_input,
                      fmt::format("catalog format version {} is not supported (this build reads {})", v,
                                  format::k_version)));
  }
  if (const std::uint32_t size = d.u32_at(12); size != b.size()) {
    return fail(corrupt(fmt::format("header says {} bytes but there are {} (truncated?)", size, b.size())));
  }
  if (d.u32_at(16) != format::k_header_size) {
    return fail(corrupt("unexpected header size"));
  }
  for (std::size_t s = 0; s < format::sec_count; ++s) {
    const std::uint32_t offset = d.u32_at(format::k_sections_offset + s * 8);
    const std::uint32_t count = d.u32_at(format::k_sections_offset + s * 8 + 4);
    const std::uint64_t bytes = std::uint64_t{count} * format::k_record_size[s];
    if (offset < format::k_header_size || offset % 4 != 0 || !range_ok(offset, bytes, b.size())) {
      return fail(corrupt(fmt::format("{} section out of bounds", k_section_names[s])));
    }
    d.sections[s] = {offset, count};
  }
  // Service indices are stored as u16.
  if (d.count(format::sec_services) > 0xFFFFU) {
    return fail(corrupt("too many services"));
  }
  for (std::size_t m = 0; m < format::meta_count; ++m) {
    const std::size_t off = format::k_meta_offset + m * 8;
    if (!ref_ok(d, off)) {
      return fail(corrupt("bad header string"));
    }
    d.meta[m] = d.str_at(off);
  }
  return {};
}

Result<void> validate_records(const CatalogData& d) {
  if (format::fnv1a(d.bytes.substr(format::k_header_size)) != d.u32_at(20)) {
    return fail(corrupt("checksum mismatch"));
  }
  POLICYLINT_TRY(validate_services(d));
  POLICYLINT_TRY(validate_actions(d));
  POLICYLINT_TRY(validate_resource_types(d));
  POLICYLINT_TRY(validate_keys(d));
  return {};
}

Result<Catalog> load_catalog_file(const std::string& path) {
  // The common reader never opens a FIFO or device for blocking reads (docs/robustness.md).
  auto file = read_source_file(path, path, k_max_file_size);
  if (!file) {
    return fail(Error(file.error().code, fmt::format("catalog file {}: {}", path, file.error().message)));
  }
  std::string bytes(file->text());
  auto catalog = Catalog::from_bytes(std::move(bytes));
  if (!catalog) {
    Error e = std::move(catalog).error();
    e.message = fmt::format("{}: {}", path, e.message);
    return fail(std::move(e));
  }
  return catalog;
}

} // namespace policylint::catalog
