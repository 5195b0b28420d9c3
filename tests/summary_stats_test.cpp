// The latency histogram: quantiles of the two-level histogram against a direct computation, and merging.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "output/summary_stats.hpp"

using namespace splitsim;

namespace {

// The definition the histogram implements: the middle of the 0.1 % bucket holding the ceil(q n)-th latency.
double reference_ms(std::vector<double> us, double q) {
  std::sort(us.begin(), us.end());
  auto rank = static_cast<std::size_t>(std::clamp<double>(std::ceil(q * static_cast<double>(us.size())), 1, static_cast<double>(us.size())));
  double k = std::floor(std::log(std::max(us[rank - 1], 1.0)) / std::log(1.001));
  return std::pow(1.001, k + 0.5) * 1e-3;
}

}  // namespace

TEST_CASE("summary_stats: histogram quantiles are the bucket of the ranked latency, across many blocks") {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> latency_us(std::log(3e5), 2.0);  // spans many 512-bucket blocks
  LatencyHistogram h, a, b;
  std::vector<double> all;
  for (int i = 0; i < 20000; ++i) {
    double us = std::round(latency_us(rng));
    all.push_back(us);
    Duration d = Duration::from_ns(static_cast<std::int64_t>(us) * 1000);
    h.add(d);
    (i % 3 == 0 ? a : b).add(d);
  }
  a.merge(b);
  for (double q : {0.0, 0.001, 0.25, 0.5, 0.95, 0.99, 0.999, 1.0}) {
    CHECK(h.quantile_ms(q) == Approx(reference_ms(all, q)).epsilon(1e-12));
    CHECK(a.quantile_ms(q) == h.quantile_ms(q));
  }
  CHECK(a.count() == h.count());
  CHECK(LatencyHistogram().quantile_ms(0.5) == 0);
}
