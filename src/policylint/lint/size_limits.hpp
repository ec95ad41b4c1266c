#pragma once
// How large an input may be (issue 15, docs/limits.md). Without --max-file-size a plain policy
// keeps a small limit and a template, plan or snapshot gets a large one, so that a real account
// snapshot (often 10-100 MB) is linted with default options while a 200 MB "policy" is still
// refused without being read. --max-file-size sets one limit for every kind (0: none).
#include <policylint/io/inputs.hpp>

#include <cstdint>
#include <optional>

namespace policylint::lint {

inline constexpr std::uint64_t k_policy_file_limit = 10ULL << 20;   // 10 MiB
inline constexpr std::uint64_t k_document_file_limit = 256ULL << 20; // 256 MiB

struct SizeLimits {
  std::optional<std::uint64_t> max_file_size; // --max-file-size, when given

  // The limit `input` is read with: the explicit one, else the large one when its name or first
  // bytes show a template, plan, snapshot or CLI response (frontend/sniff.hpp), else the policy
  // one. Standard input cannot be looked at twice: it is read up to the large limit, and the
  // parse decides (policy_limit()).
  [[nodiscard]] std::uint64_t read_limit(const io::InputFile& input) const;
  // For json::ParseLimits::max_policy_file_bytes: a file parsed as a plain policy over this is
  // refused (0: none, when --max-file-size is given).
  [[nodiscard]] std::uint64_t policy_limit() const { return max_file_size ? 0 : k_policy_file_limit; }
};

} // namespace policylint::lint
