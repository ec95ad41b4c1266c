#include <policylint/catalog/catalog.hpp>
#include <policylint/catalog/embedded_data.hpp>

namespace policylint::catalog {

const Catalog& embedded_catalog() {
  // Only the header is checked: the bytes were validated when the catalog was generated and
  // by the test suite. A broken build yields an empty catalog rather than a crash.
  static const Catalog k_catalog = [] {
    auto loaded = Catalog::from_trusted_bytes(embedded_catalog_bytes());
    return loaded ? *std::move(loaded) : Catalog();
  }();
  return k_catalog;
}

} // namespace policylint::catalog
