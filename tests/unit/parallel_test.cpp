// core::parallel_map: results in input order, each job run once, whatever the thread count.
#include <policylint/core/parallel.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <vector>

using policylint::core::parallel_map;

TEST_CASE("parallel_map: results come back in input order for every thread count") {
  const auto job = [](std::size_t i) {
    // Uneven work, so that the threads finish out of order.
    std::string s;
    for (std::size_t k = 0; k < (i * 7919) % 2000; ++k) {
      s += static_cast<char>('a' + k % 26);
    }
    return std::to_string(i) + ":" + std::to_string(s.size());
  };
  const auto serial = parallel_map(500, 1, job);
  REQUIRE(serial.size() == 500);
  CHECK(serial[3] == "3:" + std::to_string((3 * 7919) % 2000));
  for (const unsigned threads : {2U, 3U, 8U, 64U}) {
    CAPTURE(threads);
    CHECK(parallel_map(500, threads, job) == serial);
  }
}

TEST_CASE("parallel_map: each job runs exactly once") {
  std::vector<std::atomic<int>> runs(1000);
  const auto counts = parallel_map(runs.size(), 4, [&](std::size_t i) { return ++runs[i]; });
  for (std::size_t i = 0; i < runs.size(); ++i) {
    CHECK(runs[i].load() == 1);
    CHECK(counts[i] == 1);
  }
}

TEST_CASE("parallel_map: no jobs and one job") {
  CHECK(parallel_map(0, 4, [](std::size_t i) { return i; }).empty());
  const auto one = parallel_map(1, 4, [](std::size_t i) { return i + 41; });
  REQUIRE(one.size() == 1);
  CHECK(one[0] == 41);
}

TEST_CASE("available_cores: at least one") { CHECK(policylint::core::available_cores() >= 1); }
