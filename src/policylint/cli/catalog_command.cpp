#include <policylint/catalog/catalog.hpp>
#include <policylint/cli/commands.hpp>
#include <policylint/cli/exit_codes.hpp>
#include <policylint/cli/parse_arguments.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>


namespace policylint::cli {

int run_catalog(const std::string& program, std::vector<std::string> args) {
  CLI::App app("Describe the AWS action catalog in use", program + " catalog");
  std::string file;
  bool license = false;
  app.add_option("--catalog", file, "Describe this catalog file instead of the embedded one");
  app.add_flag("--license", license, "Print the catalog source's licence");
  if (const auto exit_code = parse_arguments(app, std::move(args))) {
    return *exit_code;
  }
  catalog::Catalog loaded;
  const catalog::Catalog* cat = &catalog::embedded_catalog();
  if (!file.empty()) {
    auto result = catalog::load_catalog_file(file);
    if (!result) {
      fmt::print(stderr, "policylint: error: {}: {}\n", file, result.error().message);
      return to_int(ExitCode::error);
    }
    loaded = std::move(*result);
    cat = &loaded;
  }
  if (license) {
    fmt::print("{}\n", cat->license_text());
    return to_int(ExitCode::clean);
  }
  const auto info = cat->info();
  fmt::print("source:          {} {} (data of {})\n", info.source_package, info.source_version, info.data_date);
  fmt::print("services:        {}\nactions:         {}\nresource types:  {}\ncondition keys:  {} ({} global)\n",
             info.services, info.actions, info.resource_types, info.condition_keys, info.global_condition_keys);
  fmt::print("format:          version {}, {} bytes{}\n", info.format_version, info.size_bytes,
             file.empty() ? ", embedded" : "");
  return to_int(ExitCode::clean);
}

} // namespace policylint::cli
