// Huge pages are asked for on large buffers only, and on their whole 2 MiB pages: the kernel
// records the advice as the "hg" flag of the mapping (/proc/self/smaps), whether or not it
// then has huge pages to give.
#include <policylint/core/heap_reserve.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace {

#if defined(__linux__)
// The VmFlags of the mapping that holds `address`, or "" when /proc tells nothing.
std::string flags_of_mapping(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= at && at < end;
    } else if (inside && line.starts_with("VmFlags:")) {
      return line;
    }
  }
  return "";
}
#endif

} // namespace

TEST_CASE("heap reserve: a large buffer is advised huge pages, a small one is left alone") {
#if defined(__linux__) && defined(__GLIBC__)
  constexpr std::size_t k_size = std::size_t{32} << 20U;
  void* large = mmap(nullptr, k_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  void* small = mmap(nullptr, std::size_t{4} << 20U, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(large != MAP_FAILED);
  REQUIRE(small != MAP_FAILED);
  if (flags_of_mapping(large).empty()) {
    munmap(large, k_size);
    munmap(small, std::size_t{4} << 20U);
    MESSAGE("skipped: /proc/self/smaps shows no VmFlags here");
    return;
  }
  CHECK(flags_of_mapping(large).find(" hg") == std::string::npos);
  policylint::core::advise_huge_pages(large, k_size);
  policylint::core::advise_huge_pages(small, std::size_t{4} << 20U);
  // The middle of the large buffer lies on a whole huge page, whatever its alignment.
  const auto* middle = static_cast<const char*>(large) + k_size / 2;
  CHECK(flags_of_mapping(middle).find(" hg") != std::string::npos);
  CHECK(flags_of_mapping(small).find(" hg") == std::string::npos);
  munmap(large, k_size);
  munmap(small, std::size_t{4} << 20U);
#else
  MESSAGE("skipped: huge-page advice is Linux and glibc only");
#endif
}
