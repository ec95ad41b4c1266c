#pragma once
// FNV-1a, 64 bits: a stable, platform-independent hash for fingerprints (baselines) and for
// noticing that a file changed (--fix). Not for anything adversarial.
#include <cstdint>
#include <string_view>

namespace policylint::core {

inline constexpr std::uint64_t k_fnv1a_basis = 14695981039346656037ULL;

[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = k_fnv1a_basis) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

} // namespace policylint::core
