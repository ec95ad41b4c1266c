#include <policylint/io/inputs.hpp>
#include <policylint/frontend/yaml_tree.hpp>

#include <policylint/core/path_glob.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

namespace policylint::io {

namespace fs = std::filesystem;

bool glob_matches(std::string_view pattern, std::string_view path) {
  return core::path_glob_matches(pattern, path);
}

namespace {

// One glob semantics everywhere: the configuration's `exclude` (core::path_matches). A glob
// without '/' matches a file or directory name at any depth; one with '/' is anchored, here at
// the working directory, as the paths on the command line are.
bool excluded(const std::string& path, const std::vector<std::string>& excludes) {
  fs::path normal = fs::path(path).lexically_normal();
  if (normal.is_absolute()) {
    std::error_code ec;
    const fs::path relative = normal.lexically_relative(fs::current_path(ec));
    if (!ec && !relative.empty() && !relative.generic_string().starts_with("..")) {
      normal = relative;
    }
  }
  const std::string relative = normal.generic_string();
  return std::any_of(excludes.begin(), excludes.end(),
                     [&](const std::string& g) { return core::path_matches(g, relative); });
}

bool has_json_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".json" || ext == ".tf"; // .tf: Terraform configuration (frontend/terraform_hcl)
}

// *.yaml, *.yml and *.template files are linted when their content looks like a CloudFormation
// template (AWSTemplateFormatVersion, or Resources with a "Type: AWS::..."): other YAML in a
// repository (CI files, Kubernetes manifests) is not ours to judge.
bool is_cloudformation_yaml(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".yaml" && ext != ".yml" && ext != ".template") {
    return false;
  }
  // Never open a FIFO or device to sniff it, and never drop an unreadable file silently: both
  // are listed, and the reader reports them as errors (docs/robustness.md).
  std::error_code ec;
  std::ifstream in;
  if (fs::is_regular_file(p, ec)) {
    in.open(p, std::ios::binary);
  }
  if (!in.is_open()) {
    return true;
  }
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (ext == ".template" && head.find_first_not_of(" \t\r\n") != std::string::npos &&
      head[head.find_first_not_of(" \t\r\n")] == '{') {
    return head.find("\"AWSTemplateFormatVersion\"") != std::string::npos || head.find("\"Resources\"") != std::string::npos;
  }
  return frontend::looks_like_yaml_template(head);
}

void walk_directory(const std::string& root, const std::vector<std::string>& excludes, InputSet& out) {
  std::error_code ec;
  // skip_permission_denied would make an unreadable named directory an empty one (exit 0).
  if (::access(root.c_str(), R_OK | X_OK) != 0) {
    out.problems.push_back({root, "cannot read directory: " + std::string(std::strerror(errno))});
    return;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    out.problems.push_back({root, "cannot read directory: " + ec.message()});
    return;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      out.problems.push_back({root, "cannot read directory: " + ec.message()}); // `it` is the end now
      ec.clear();
      break;
    }
    const fs::directory_entry& entry = *it;
    const std::string path = entry.path().generic_string();
    std::error_code type_ec;
    const bool is_dir = entry.is_directory(type_ec);
    if (excluded(path, excludes)) {
      if (is_dir) {
        it.disable_recursion_pending();
      }
      continue;
    }
    // skip_permission_denied would drop an unreadable subdirectory silently: say so instead.
    if (is_dir && ::access(entry.path().c_str(), R_OK | X_OK) != 0) {
      out.problems.push_back({path, "cannot read directory: " + std::string(std::strerror(errno))});
      it.disable_recursion_pending();
      continue;
    }
    if (is_dir || !(has_json_extension(entry.path()) || is_cloudformation_yaml(entry.path()))) {
      continue;
    }
    out.files.push_back({path, path});
  }
}

} // namespace

InputSet collect_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& excludes,
                        const std::string& stdin_name) {
  InputSet out;
  for (const std::string& path : paths) {
    if (path == "-") {
      out.files.push_back({"-", stdin_name.empty() ? "<stdin>" : stdin_name});
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      out.problems.push_back({path, "no such file or directory"});
      continue;
    }
    if (fs::is_directory(status)) {
      walk_directory(path, excludes, out);
    } else if (!excluded(path, excludes)) {
      out.files.push_back({path, path}); // named explicitly: linted whatever its extension
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const InputFile& a, const InputFile& b) { return a.display_path < b.display_path; });
  // "d" and "./d" name the same files: lint each file once, under its first spelling in
  // sorted order (so the choice does not depend on argument order).
  std::set<std::string> seen;
  std::erase_if(out.files, [&](const InputFile& f) {
    if (f.path == "-") {
      return !seen.insert("-").second;
    }
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(f.path, ec);
    return !seen.insert(ec ? f.path : canonical.string()).second;
  });
  return out;
}

std::uint64_t total_size(const std::vector<InputFile>& files) {
  std::uint64_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    const auto size = f.path == "-" ? 0 : std::filesystem::file_size(f.path, ec);
    total += ec ? 0 : size;
  }
  return total;
}

} // namespace policylint::io
