#pragma once
// Checks on untrusted catalog bytes. parse_header is all the embedded catalog needs at
// start-up; validate_records walks every record once (for files given with --catalog).

#include <policylint/catalog/format.hpp>
#include <policylint/core/expected.hpp>

namespace policylint::catalog {

// Checks magic, version, sizes and that every section lies inside the bytes; fills
// data.sections and data.meta. After it succeeds every record read is in bounds.
[[nodiscard]] Result<void> parse_header(format::CatalogData& data);

// Checks the checksum and every reference, range and sort order, so lookups on a loaded
// file behave exactly as on the embedded one.
[[nodiscard]] Result<void> validate_records(const format::CatalogData& data);

} // namespace policylint::catalog
