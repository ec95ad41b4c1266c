#include <policylint/core/parallel.hpp>

#include <sched.h>

namespace policylint::core {

unsigned available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) {
      return static_cast<unsigned>(n);
    }
  }
  return std::max(1U, std::thread::hardware_concurrency());
}

} // namespace policylint::core
