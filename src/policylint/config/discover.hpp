#pragma once
// Finding the configuration file that governs a path, as other linters do: the nearest
// .policylint.yaml / .policylint.yml / .policylint.json in the file's directory or above.
#include <filesystem>
#include <optional>

namespace policylint::config {

// File names in the order they are tried within one directory (the first that exists wins).
inline constexpr const char* k_config_names[] = {".policylint.yaml", ".policylint.yml", ".policylint.json"};

// The nearest configuration file for files in `directory` (absolute), searching upwards. The
// search stops after the filesystem root or after a directory that contains `.git` (the
// repository top level), so a config outside the repository never applies.
[[nodiscard]] std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& directory);

} // namespace policylint::config
