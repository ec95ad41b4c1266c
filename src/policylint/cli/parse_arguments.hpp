#pragma once
// What every subcommand does with CLI11 once its options are declared.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace policylint::cli {

// Parses the subcommand's arguments (in command-line order) into `app`. nullopt: go on;
// otherwise the exit code to return, after CLI11 printed the help (0) or the usage error (2).
[[nodiscard]] std::optional<int> parse_arguments(CLI::App& app, std::vector<std::string> args);

// `--kind identity|trust|resource`, which forces the policy kind instead of detecting it.
CLI::Option* add_kind_option(CLI::App& app, std::string& kind, const std::string& description);
// `--policy-type identity|resource|trust|scp|rcp|boundary|session` (docs/policy-types.md).
CLI::Option* add_policy_type_option(CLI::App& app, std::string& type);
// `--input-format NAME`: how to read inputs (auto: by content), from the front ends' own list.
CLI::Option* add_input_format_option(CLI::App& app, std::string& format);

} // namespace policylint::cli
