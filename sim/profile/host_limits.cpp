#include "profile/host_limits.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>

#include <Eigen/Dense>
#include <fmt/format.h>

namespace splitsim {
namespace {

template <class F>
double best_seconds(int runs, F&& f) {
  double best = 1e300;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

std::string cpu_name() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "this machine's CPU";
}

}  // namespace

DeviceLimits measure_host_limits() {
  Eigen::setNbThreads(1);
  constexpr int n = 1024;
  Eigen::MatrixXf a = Eigen::MatrixXf::Random(n, n), b = Eigen::MatrixXf::Random(n, n), c(n, n);
  double gemm_s = best_seconds(5, [&] { c.noalias() = a * b; });
  constexpr Eigen::Index words = 64 << 20;  // 256 MB of floats, far beyond any cache
  Eigen::VectorXf v = Eigen::VectorXf::Ones(words);
  volatile float sink = 0;
  double read_s = best_seconds(5, [&] { sink = sink + v.sum(); });
  DeviceLimits d;
  d.device = fmt::format("{}, one thread", cpu_name());
  d.peak_gflops = 2.0 * n * n * n / gemm_s * 1e-9;
  d.memory_gbps = 4.0 * static_cast<double>(words) / read_s * 1e-9;
  d.launch_floor_ms = 0;
  d.sources = fmt::format("measured by splitsim profile: peak = the best of 5 single-threaded Eigen {0}x{0}x{0} float "
                          "matrix products ({1:.2f} ms); memory = the best of 5 single-threaded sums over 256 MB ({2:.2f} ms). "
                          "Achieved rates, not datasheet peaks: no kernel of the profile runs faster",
                          n, gemm_s * 1e3, read_s * 1e3);
  return d;
}

}  // namespace splitsim
