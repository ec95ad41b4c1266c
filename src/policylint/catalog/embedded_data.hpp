#pragma once
// The catalog bytes compiled into the binary. Defined in a file that
// src/cmake/PolicylintCatalog.cmake generates from data/aws-iam-catalog.bin.

#include <string_view>

namespace policylint::catalog {

[[nodiscard]] std::string_view embedded_catalog_bytes() noexcept;

} // namespace policylint::catalog
