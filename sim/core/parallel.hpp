#pragma once
// Runs independent tasks on a few threads. Each task writes only its own result slot, so results do not
// depend on the thread count; the first exception (in task order) is rethrown once all threads are done.

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace splitsim {

/// Calls task(i) for i in [0, n) on `threads` threads (0: one per core, never more than n).
template <class Task>
void parallel_for(std::size_t n, int threads, Task&& task) {
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(n);
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        task(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  int count = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  count = std::max(1, std::min<int>(count, static_cast<int>(n)));
  std::vector<std::thread> pool;
  for (int i = 1; i < count; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace splitsim
