#pragma once
// Layout of the catalog file written by src/tools/catalog/generate_catalog.py (see
// docs/catalog.md). Internal to the catalog folder: other code uses catalog.hpp.
//
// Every read goes through CatalogData's bounds-checked accessors, so even a catalog whose
// records were never validated cannot make us read outside its bytes: a bad offset yields
// 0 or an empty string, never UB.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace policylint::catalog::format {

inline constexpr std::string_view k_magic = "PLIAMCAT";
inline constexpr std::uint32_t k_version = 1;
inline constexpr std::uint32_t k_header_size = 128;

// Header: magic[8], u32 version, u32 file_size, u32 header_size, u32 fnv1a(body),
// 4 meta string refs (8 bytes each), 8 sections (u32 offset, u32 count), zero padding.
inline constexpr std::size_t k_meta_offset = 24;
inline constexpr std::size_t k_sections_offset = 56;

enum Meta : std::size_t { meta_package, meta_version, meta_date, meta_license, meta_count };

enum SectionId : std::size_t {
  sec_services,      // ServiceRecord, sorted by prefix
  sec_actions,       // ActionRecord, sorted by (service, lower-cased name)
  sec_resource_types, // ResourceTypeRecord, sorted by (service, lower-cased name)
  sec_condition_keys, // ConditionKeyRecord, sorted by lower-cased name
  sec_templated_keys, // u32 condition-key indices whose names contain placeholders
  sec_action_rts,    // ActionRtRecord: an action's resource types
  sec_pool,          // u32 lists of condition-key indices
  sec_strings,       // bytes; count = byte length
  sec_count,
};

// Record sizes in bytes, and the byte offset of each field inside its record.
inline constexpr std::array<std::uint32_t, sec_count> k_record_size = {32, 24, 28, 40, 4, 12, 4, 1};

namespace service { // name ref, display-name ref, first action, action count, first rt, rt count
inline constexpr std::size_t name = 0, display = 8, action_first = 16, action_count = 20,
                             rt_first = 24, rt_count = 28;
}
namespace action { // "svc:Name" ref, u16 service, u8 access, u8 pad, u32 rt first, u16 rt count,
                   // u16 key count, u32 key first (pool)
inline constexpr std::size_t name = 0, service = 8, access = 10, rt_first = 12, rt_count = 16,
                             key_count = 18, key_first = 20;
}
namespace resource_type { // name ref, arn ref, u32 key first, u32 key count, u16 service, pad
inline constexpr std::size_t name = 0, arn = 8, key_first = 16, key_count = 20, service = 24;
}
namespace condition_key { // name, type, category, match-pattern refs, u32 flags, pad
inline constexpr std::size_t name = 0, type = 8, category = 16, pattern = 24, flags = 32;
inline constexpr std::uint32_t flag_global = 1, flag_templated = 2;
}
namespace action_rt { // u32 rt index | required<<31, u32 key first, u32 key count
inline constexpr std::size_t type = 0, key_first = 4, key_count = 8;
inline constexpr std::uint32_t required_bit = 0x80000000U;
}

[[nodiscard]] inline std::uint32_t fnv1a(std::string_view bytes) noexcept {
  std::uint32_t h = 0x811C9DC5U;
  for (const char c : bytes) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x01000193U;
  }
  return h;
}

struct Section {
  std::uint32_t offset = 0;
  std::uint32_t count = 0;
};

// The bytes of one catalog plus its parsed header. Shared by Catalog copies and pointed to
// by the handle types, so handles stay valid while any Catalog copy lives.
struct CatalogData {
  std::string storage;    // owned bytes for a loaded file; empty for the embedded catalog
  std::string_view bytes; // the whole file
  std::array<Section, sec_count> sections{};
  std::array<std::string_view, meta_count> meta{};

  [[nodiscard]] std::uint32_t count(SectionId s) const noexcept { return sections[s].count; }

  [[nodiscard]] std::uint32_t u32_at(std::size_t off) const noexcept {
    if (off > bytes.size() || bytes.size() - off < 4) {
      return 0;
    }
    std::uint32_t v = 0;
    std::memcpy(&v, bytes.data() + off, 4);
    if constexpr (std::endian::native == std::endian::big) {
      v = std::byteswap(v);
    }
    return v;
  }
  [[nodiscard]] std::uint16_t u16_at(std::size_t off) const noexcept {
    if (off > bytes.size() || bytes.size() - off < 2) {
      return 0;
    }
    std::uint16_t v = 0;
    std::memcpy(&v, bytes.data() + off, 2);
    if constexpr (std::endian::native == std::endian::big) {
      v = std::byteswap(v);
    }
    return v;
  }
  [[nodiscard]] std::uint8_t u8_at(std::size_t off) const noexcept {
    return off < bytes.size() ? static_cast<std::uint8_t>(bytes[off]) : 0;
  }

  // Byte offset of record `index` of section `s` (header validation guarantees it fits).
  [[nodiscard]] std::size_t record(SectionId s, std::uint32_t index) const noexcept {
    return std::size_t{sections[s].offset} + std::size_t{index} * k_record_size[s];
  }
  [[nodiscard]] std::uint32_t field32(SectionId s, std::uint32_t index, std::size_t field) const noexcept {
    return index < sections[s].count ? u32_at(record(s, index) + field) : 0;
  }
  [[nodiscard]] std::uint16_t field16(SectionId s, std::uint32_t index, std::size_t field) const noexcept {
    return index < sections[s].count ? u16_at(record(s, index) + field) : 0;
  }

  // A string ref (u32 offset, u32 length into the string section) at byte `off`.
  [[nodiscard]] std::string_view str_at(std::size_t off) const noexcept {
    return string_ref(u32_at(off), u32_at(off + 4));
  }
  [[nodiscard]] std::string_view string_ref(std::uint32_t off, std::uint32_t len) const noexcept {
    const Section& s = sections[sec_strings];
    if (off > s.count || s.count - off < len) {
      return {};
    }
    return bytes.substr(std::size_t{s.offset} + off, len);
  }
  [[nodiscard]] std::string_view str(SectionId s, std::uint32_t index, std::size_t field) const noexcept {
    return index < sections[s].count ? str_at(record(s, index) + field) : std::string_view{};
  }
  // How many of `count` records from `first` exist in section `s`: a corrupt range shrinks
  // to what is really there instead of driving a loop or an allocation.
  [[nodiscard]] std::uint32_t clamp(SectionId s, std::uint32_t first, std::uint32_t count) const noexcept {
    const std::uint32_t n = sections[s].count;
    return first >= n ? 0 : (count < n - first ? count : n - first);
  }
  // Element `i` of the u32 pool or the templated-key list.
  [[nodiscard]] std::uint32_t element(SectionId s, std::uint32_t i) const noexcept {
    return i < sections[s].count ? u32_at(record(s, i)) : 0;
  }
};

} // namespace policylint::catalog::format
