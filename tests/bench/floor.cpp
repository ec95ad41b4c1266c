// The floor of a policylint run (not a test): reads every input the way `policylint check`
// finds them (files, or *.json under directories, recursively) and parses each in full with
// simdjson's DOM parser, one thread. Nothing policylint does can take less than this, so
// tests/bench/run-benchmarks.sh prints it beside each measured run. Usage:
//   policylint_floor PATH...
// Prints the files, bytes and JSON elements seen (so that the work cannot be optimised away);
// exits 1 when a file cannot be read, 0 otherwise (a parse error is counted, not fatal).
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

std::size_t count_elements(simdjson::dom::element e) {
  std::size_t n = 1;
  if (auto array = e.get_array(); !array.error()) {
    for (auto item : array.value()) {
      n += count_elements(item);
    }
  } else if (auto object = e.get_object(); !object.error()) {
    for (auto field : object.value()) {
      n += count_elements(field.value);
    }
  }
  return n;
}

} // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      for (const auto& entry : fs::recursive_directory_iterator(argv[i], ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
          paths.push_back(entry.path().string());
        }
      }
    } else {
      paths.emplace_back(argv[i]);
    }
  }
  std::sort(paths.begin(), paths.end());
  simdjson::dom::parser parser;
  std::size_t bytes = 0;
  std::size_t elements = 0;
  std::size_t invalid = 0;
  for (const auto& path : paths) {
    simdjson::padded_string text;
    if (simdjson::padded_string::load(path).get(text) != simdjson::SUCCESS) {
      std::fprintf(stderr, "policylint_floor: cannot read %s\n", path.c_str());
      return 1;
    }
    bytes += text.size();
    simdjson::dom::element root;
    if (parser.parse(text).get(root) != simdjson::SUCCESS) {
      ++invalid;
      continue;
    }
    elements += count_elements(root);
  }
  std::printf("%zu files, %zu bytes, %zu JSON elements, %zu not JSON (%s kernel)\n", paths.size(), bytes, elements,
              invalid, simdjson::get_active_implementation()->name().c_str());
  return 0;
}
