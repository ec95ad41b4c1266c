#pragma once
// Which default size limit an input gets before it is read (docs/limits.md): a policy is small
// (AWS caps them at a few KB), while a template, a plan or an account snapshot is often tens of
// MB. The answer comes from the file name and its first bytes only, so that a huge plain
// policy is refused without being read; the parse has the last word (frontend::load refuses a
// file that turns out to be a plain policy over the policy limit).
#include <cstddef>
#include <string_view>

namespace policylint::frontend {

// How many leading bytes may_hold_documents looks at.
inline constexpr std::size_t k_sniff_bytes = 64 * 1024;

// True when `path` names a YAML template or a .tf file, or when `head` (the file's first
// bytes) holds a key that only a template, a plan, a snapshot or a CLI response has.
[[nodiscard]] bool may_hold_documents(std::string_view path, std::string_view head);

} // namespace policylint::frontend
