#include <policylint/cli/build_info.hpp>

#include <policylint/catalog/catalog.hpp>
#include <policylint/generated/build_info.hpp>

#include <fmt/format.h>

namespace policylint::cli {

namespace {

std::string compiler_name() {
#if defined(__clang__)
  return fmt::format("Clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("GCC {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown compiler";
#endif
}

} // namespace

BuildInfo build_info() {
  return BuildInfo{POLICYLINT_VERSION, POLICYLINT_GIT_COMMIT, POLICYLINT_BUILD_DATE, POLICYLINT_BUILD_TYPE,
                   compiler_name()};
}

std::string version_text() {
  const auto info = catalog::embedded_catalog().info();
  const BuildInfo b = build_info();
  return fmt::format("policylint {}\ncatalog: {} {} (data of {})\nbuild: commit {}, {}, {}, {} {}\n", b.version,
                     info.source_package, info.source_version, info.data_date, b.commit, b.date, b.build_type,
                     b.compiler, sizeof(void*) == 8 ? "64-bit" : "32-bit");
}

} // namespace policylint::cli
