#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/output/json_text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace policylint::cli {

int run_rules(const std::string& program, std::vector<std::string> args) {
  CLI::App app("List the rules", program + " rules");
  std::string format = "text";
  app.add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));
  try {
    std::reverse(args.begin(), args.end());
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? to_int(ExitCode::clean) : to_int(ExitCode::error);
  }
  if (format == "json") {
    std::string out = "[";
    bool first = true;
    for (const auto& r : engine::all_rules()) {
      out += first ? "\n  " : ",\n  ";
      first = false;
      out += fmt::format("{{\"code\": {}, \"name\": {}, \"category\": {}, \"severity\": \"{}\", \"summary\": {}}}",
                         output::json_string(r.code), output::json_string(r.name), output::json_string(r.category),
                         engine::severity_name(r.severity), output::json_string(r.summary));
    }
    out += "\n]\n";
    fmt::print("{}", out);
    return to_int(ExitCode::clean);
  }
  for (const auto& r : engine::all_rules()) {
    fmt::print("{:<6} {:<40} {:<12} {:<8} {}\n", r.code, r.name, r.category, engine::severity_name(r.severity), r.summary);
  }
  return to_int(ExitCode::clean);
}

int run_explain(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Print a rule's documentation", program + " explain");
  std::string which;
  app.add_option("rule", which, "Rule code (PL101) or name")->required();
  try {
    std::reverse(args.begin(), args.end());
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? to_int(ExitCode::clean) : to_int(ExitCode::error);
  }
  const engine::RuleInfo* rule = engine::find_rule(which);
  if (rule == nullptr) {
    fmt::print(stderr, "policylint: error: no rule \"{}\" (see \"policylint rules\")\n", which);
    return to_int(ExitCode::error);
  }
  fmt::print("{}", rule->readme);
  fmt::print("\nCode {} · category {} · default severity {} (reported as {})\n", rule->code, rule->category,
             engine::severity_name(rule->severity), engine::level_name(engine::level_of(rule->severity)));
  return to_int(ExitCode::clean);
}

} // namespace policylint::cli
