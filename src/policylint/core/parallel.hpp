#pragma once
// Runs independent jobs on a fixed number of threads and hands back their results in input
// order, so that whatever the thread count the caller sees exactly what a loop would produce.
//
// Why not a library: Debian's libtbb-dev (oneTBB) offers the same and work stealing, but adds a
// shared library and its task arena to every start of a tool whose runs take milliseconds,
// and nothing here needs more than "next job, please": the jobs are whole documents, few
// and coarse, so one atomic counter balances them as well as stealing would. The standard
// library's threads are enough, and keep the result order and error handling in our hands.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace policylint::core {

// The cores this process may run on (its CPU affinity mask, as taskset and cgroup cpusets set
// it), at least 1.
[[nodiscard]] unsigned available_cores();

// Calls job(i) for every i in [0, count) on up to `threads` threads (the calling thread is one
// of them) and returns the results indexed by i. With threads <= 1 or a single job it is a
// plain loop on the calling thread. `job` must not touch shared mutable state; it is called
// exactly once per index, in no particular order.
template <class Job>
[[nodiscard]] auto parallel_map(std::size_t count, unsigned threads, const Job& job)
    -> std::vector<decltype(job(std::size_t{}))> {
  using T = decltype(job(std::size_t{}));
  std::vector<T> out;
  out.reserve(count);
  if (threads <= 1 || count <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      out.push_back(job(i));
    }
    return out;
  }
  std::vector<std::optional<T>> slots(count);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < count;
         i = next.fetch_add(1, std::memory_order_relaxed)) {
      slots[i].emplace(job(i));
    }
  };
  {
    std::vector<std::jthread> helpers;
    const std::size_t extra = std::min<std::size_t>(threads, count) - 1;
    helpers.reserve(extra);
    for (std::size_t t = 0; t < extra; ++t) {
      helpers.emplace_back(work);
    }
    work();
  } // joins the helpers: every slot is filled
  for (auto& slot : slots) {
    out.push_back(std::move(*slot));
  }
  return out;
}

} // namespace policylint::core
