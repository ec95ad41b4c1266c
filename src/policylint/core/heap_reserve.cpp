#include <policylint/core/heap_reserve.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace policylint::core {

namespace {

// A run holds about six times its input at its peak (460 MiB for 80 MiB); twice that is
// reserved, so that what is freed and allocated again stays inside (8x measured 7% slower).
constexpr std::uint64_t k_growth_per_input_byte = 12;
constexpr std::uint64_t k_max_reserve = std::uint64_t{1536} << 20U; // mallopt takes an int
constexpr std::uintptr_t k_huge_page = std::uintptr_t{2} << 20U;
constexpr std::size_t k_default_top_pad = std::size_t{128} << 10U; // glibc's DEFAULT_TOP_PAD

} // namespace

void reserve_heap_for_input(std::uint64_t input_bytes) {
#if defined(__GLIBC__)
  if (input_bytes < k_large_input_bytes) {
    return;
  }
  const std::uint64_t reserve = std::min(input_bytes * k_growth_per_input_byte, k_max_reserve);
  // Freeing never gives the heap back (a shrunk and regrown heap would lose the huge-page
  // advice), blocks up to 32 MiB (glibc's largest threshold) come from it rather than from
  // mappings of their own, and its next growth takes `reserve` beyond what it needs.
  if (mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max()) == 0 || mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0 ||
      mallopt(M_TOP_PAD, static_cast<int>(reserve)) == 0) {
    return;
  }
  const auto end_of_heap = [] { return reinterpret_cast<std::uintptr_t>(sbrk(0)); };
  const std::uintptr_t before = end_of_heap();
  // Small blocks (below the size malloc serves by mmap) until the heap grows; at most a few.
  std::array<void*, 64> blocks{};
  std::size_t taken = 0;
  while (taken < blocks.size() && end_of_heap() == before) {
    blocks[taken++] = std::malloc(std::size_t{64} << 10U);
  }
  for (std::size_t i = 0; i < taken; ++i) {
    std::free(blocks[i]);
  }
  // Later growth asks for no more than it needs: where memory is committed strictly
  // (vm.overcommit_memory=2) a failed reserve must not make every later growth fail too.
  (void)mallopt(M_TOP_PAD, static_cast<int>(k_default_top_pad));
  const std::uintptr_t after = end_of_heap();
  if (after > before) {
    advise_huge_pages(reinterpret_cast<void*>(before), after - before);
  }
#else
  (void)input_bytes;
#endif
}

void advise_huge_pages(void* data, std::size_t size) {
#if defined(__GLIBC__)
  if (size < k_large_input_bytes) {
    return;
  }
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t start = (begin + k_huge_page - 1) & ~(k_huge_page - 1);
  const std::uintptr_t end = (begin + size) & ~(k_huge_page - 1);
  if (end > start) {
    (void)madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE); // a hint: ignored is fine
  }
#else
  (void)data;
  (void)size;
#endif
}

} // namespace policylint::core
