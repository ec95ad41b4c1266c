#pragma once
// One function per subcommand; each parses its own arguments with CLI11.
#include <string>
#include <vector>

namespace policylint::cli {

int run_lint(const std::string& program, std::vector<std::string> args);
int run_simulate(const std::string& program, std::vector<std::string> args);
int run_rules(const std::string& program, std::vector<std::string> args);
int run_explain(const std::string& program, std::vector<std::string> args);
int run_catalog(const std::string& program, std::vector<std::string> args);
int run_formats(const std::string& program, std::vector<std::string> args);
int run_diff(const std::string& program, std::vector<std::string> args);
int run_graph(const std::string& program, std::vector<std::string> args);

} // namespace policylint::cli
