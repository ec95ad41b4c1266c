#pragma once
// A run over large inputs (an account snapshot, a big plan) builds a tree and models several
// times the input's size. The C library grows its heap a little at a time, and every new 4 KiB
// page costs a fault; on the virtual machines CI runs on a fault is dear, and the page table
// misses that follow are too: an 80 MiB snapshot spent a third of its time there. Reserving the
// expected growth at once, with transparent huge pages asked for on it, removes most of both
// (docs/performance.md). Small runs are left alone: a huge page is zeroed whole on first touch.
#include <cstddef>
#include <cstdint>

namespace policylint::core {

// Inputs below this size leave the heap as the C library sets it up.
inline constexpr std::uint64_t k_large_input_bytes = std::uint64_t{16} << 20U;

// Before reading inputs of `input_bytes` in all: when they are large, grows the heap once by
// about what the run will hold and asks the kernel for huge pages there (madvise; a hint it
// may ignore). Call before other threads start. Does nothing without glibc, under a sanitizer's
// allocator, or when the kernel refuses; never fails.
void reserve_heap_for_input(std::uint64_t input_bytes);

// Asks for huge pages on the whole 2 MiB pages inside [data, data + size), before a large
// buffer is first written (reading a file into it): an 80 MiB read took 0.33 s in 4 KiB page
// faults and 0.03 s without them. Only for buffers of k_large_input_bytes or more; a hint.
void advise_huge_pages(void* data, std::size_t size);

} // namespace policylint::core
