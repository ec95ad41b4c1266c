#pragma once
// The one loader: every command (check, diff, simulate) reads an input through it, so every
// input format is read, or refused with a positioned note, the same way everywhere. A plain
// policy file is a one-document extraction like a template or a snapshot.
#include <policylint/core/source_file.hpp>
#include <policylint/frontend/extraction.hpp>
#include <policylint/json/parser.hpp>

#include <cstdint>

namespace policylint::frontend {

struct LoadOptions {
  InputFormat format = InputFormat::auto_detect; // --input-format
  json::ParseLimits limits;
  // A file that turns out to be a plain policy is refused above this size (0 = no limit); a
  // template, plan or snapshot may be larger (lint/size_limits.hpp, docs/robustness.md).
  std::uint64_t max_policy_file_bytes = 0;
};

// Parses `file` and extracts its documents. Never fails: a file that cannot be read as any
// format yields an extraction with no documents and an invalid-json (or input-limit-exceeded)
// note at the offending byte. With the format detected (auto), a file with no IAM content
// (iam_content.hpp) yields an empty extraction marked `not_iam`; a forced format reads it.
[[nodiscard]] Extraction load(const SourceFile& file, const LoadOptions& options);

} // namespace policylint::frontend
