#include <policylint/cli/parse_arguments.hpp>
#include <policylint/policy/builder.hpp>

#include <policylint/cli/exit_codes.hpp>
#include <policylint/frontend/extraction.hpp>

#include <algorithm>

namespace policylint::cli {

std::optional<int> parse_arguments(CLI::App& app, std::vector<std::string> args) {
  try {
    std::reverse(args.begin(), args.end()); // CLI11 takes a vector in reverse order
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? to_int(ExitCode::clean) : to_int(ExitCode::error);
  }
  return std::nullopt;
}

CLI::Option* add_policy_type_option(CLI::App& app, std::string& type) {
  return app.add_option("--policy-type", type,
                        "Every input is a policy of this AWS type: decides the kind and which type checks apply")
      ->check(CLI::IsMember(policy::type_names()));
}

CLI::Option* add_kind_option(CLI::App& app, std::string& kind, const std::string& description) {
  return app.add_option("--kind", kind, description)->check(CLI::IsMember({"identity", "trust", "resource"}));
}

CLI::Option* add_input_format_option(CLI::App& app, std::string& format) {
  return app
      .add_option("--input-format", format, "How to read inputs: by content (auto), or as this format (see docs/inputs.md)")
      ->check(CLI::IsMember(frontend::format_names()));
}

} // namespace policylint::cli
