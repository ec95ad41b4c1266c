// libFuzzer harness for the configuration loader: the bytes as a .policylint.yaml and as a
// .policylint.json (yaml-cpp and json::parse, then the schema checks). Every outcome is a
// Config or an Error whose message names the file; anything else (a crash, an exception
// escaping the loader, a hang on an alias bomb) is a finding.
// Build and run with tests/fuzz/build-and-run.sh (clang 14, see docs/robustness.md).
#include <policylint/config/config.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace policylint;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto syntax : {config::Syntax::yaml, config::Syntax::json}) {
    const auto parsed = config::parse_config(text, syntax, ".policylint.yaml");
    if (!parsed && parsed.error().message.find(".policylint.yaml") == std::string::npos) {
      std::abort(); // every configuration error names the file (and a position when there is one)
    }
  }
  return 0;
}
